// One streaming scenario: a fresh database with the catalogue, a fresh 6-partition sales topic and a
// dead-letter topic, the pipeline `stream` as a child process, and the check that it has consumed
// everything (every query's committed offsets reached the topic's end).
import { ENGINE_SCHEMA } from '@shelfstream/postgres-connector';
import { type AppProcess, startApp } from './app-process';
import { type ChaosTopics, chaosTopics } from './kafka-topics';
import { type ChaosProduct, chaosCatalogue, createRetailDatabase, type RetailDatabase } from './retail-database';
import { GiveUp, waitFor } from './wait';

/** The pipeline's one streaming query (apps/pipeline retailQueryName): its commits carry the offsets of all four outputs. */
export const STREAM_QUERIES = ['retail'] as const;

export interface StreamScenario {
  readonly products: ChaosProduct[];
  readonly db: RetailDatabase;
  readonly topics: ChaosTopics;
  readonly topic: string;
  readonly deadLetterTopic: string;
  /** Environment of the app processes (database, brokers, topics). */
  readonly env: Record<string, string>;
  startStream(extraArgs?: readonly string[]): Promise<AppProcess>;
  /** Highest batch id the inventory query committed (-1 before the first). */
  lastBatch(): Promise<number>;
  /** Sum over partitions of each query's committed next offsets. */
  committedOffsets(): Promise<Record<string, number>>;
  /** Whether every query has committed up to the current end of the topic. */
  isCaughtUp(): Promise<boolean>;
  /**
   * Waits until every query committed up to the end of the topic; returns how long it took. On a
   * timeout the error carries the committed offsets and the tail of the stream's output.
   */
  waitCaughtUp(stream: AppProcess, timeoutMs?: number): Promise<number>;
  close(): Promise<void>;
}

export interface ScenarioOptions {
  readonly name: string;
  readonly skus: number;
  readonly brokers: string[];
  /** sales_baseline hourly rate for every SKU (the pricing bot needs one to see surges). */
  readonly hourlyBaseline?: number;
}

function sumPartitions(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  const record = value as Record<string, unknown>;
  if (record['partitions'] && typeof record['partitions'] === 'object') {
    return Object.values(record['partitions'] as Record<string, unknown>).reduce<number>((a, b) => a + Number(b), 0);
  }
  return Object.values(record).reduce<number>((a, v) => a + sumPartitions(v), 0);
}

export async function createStreamScenario(options: ScenarioOptions): Promise<StreamScenario> {
  const products = chaosCatalogue(options.skus);
  const db = await createRetailDatabase(`chaos_${options.name}`, products, options.hourlyBaseline ?? null);
  const topics = chaosTopics(options.brokers);
  let topic: string;
  let deadLetterTopic: string;
  try {
    topic = await topics.create(`chaos-sales-${options.name}`, 6);
    deadLetterTopic = await topics.create(`chaos-dead-${options.name}`, 3);
  } catch (error) {
    await topics.close();
    await db.close();
    throw error;
  }
  const env = { DATABASE_URL: db.url, KAFKA_BROKERS: options.brokers.join(',') };

  const topicEnd = async () => {
    const admin = topics.kafka.admin();
    await admin.connect();
    try {
      return (await admin.fetchTopicOffsets(topic)).reduce((a, p) => a + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  };

  const scenario: StreamScenario = {
    products,
    db,
    topics,
    topic,
    deadLetterTopic,
    env,
    startStream: (extraArgs = []) =>
      startApp('pipeline', ['stream', '--topic', topic, '--dead-letter-topic', deadLetterTopic, '--trigger', '500ms', ...extraArgs], { env }),
    async lastBatch() {
      const { rows } = await db.pool.query<{ b: string | null }>(`SELECT max(batch_id)::text AS b FROM pipeline_progress WHERE query_name = 'live_inventory'`);
      return rows[0].b === null ? -1 : Number(rows[0].b);
    },
    async committedOffsets() {
      const { rows } = await db.pool.query<{ query_name: string; end_offsets: unknown }>(
        `SELECT DISTINCT ON (query_name) query_name, end_offsets FROM ${ENGINE_SCHEMA}.sink_commits ORDER BY query_name, batch_id DESC`,
      );
      return Object.fromEntries(rows.map((r) => [r.query_name, sumPartitions(r.end_offsets)]));
    },
    async isCaughtUp() {
      const end = await topicEnd();
      const committed = await scenario.committedOffsets();
      return STREAM_QUERIES.every((q) => committed[q] === end);
    },
    async waitCaughtUp(stream, timeoutMs = 120_000) {
      const started = Date.now();
      const end = await topicEnd();
      try {
        await waitFor(
          `the stream to commit all ${end} records of ${topic}`,
          async () => {
            if (!stream.alive()) throw new GiveUp(`the stream exited (${stream.child.exitCode ?? stream.child.signalCode})`);
            const committed = await scenario.committedOffsets();
            return STREAM_QUERIES.every((q) => committed[q] === end) ? true : undefined;
          },
          timeoutMs,
          500,
        );
      } catch (error) {
        const committed = await scenario.committedOffsets().catch(() => ({}));
        throw new Error(`${(error as Error).message}; committed ${JSON.stringify(committed)}; stream output:\n${stream.output().slice(-4000)}`);
      }
      return Date.now() - started;
    },
    async close() {
      await topics.close();
      await db.close();
    },
  };
  return scenario;
}
