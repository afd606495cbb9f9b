// The streaming side: Kafka `sales` -> parse + validate (dead letters) -> the retail queries -> Postgres.
// Four queries (live inventory, 1 h and 24 h velocity, sales history), each with its own checkpoint,
// reading one shared Kafka reader (SharedSource: each range is fetched and parsed once).
// Scale-out (retail-stream-group.ts): one such stream per owned Kafka partition, with its own checkpoints.
import { liveInventory, SALES_EVENTS_SCHEMA, salesHistory, salesVelocity, validateSalesRecord, VELOCITY_1H, VELOCITY_24H } from '@shelfstream/domain';
import { type Clock, createEngine, type DataFrame, type StreamingQuery, toArrowSchema } from '@shelfstream/engine';
import { kafkaDeadLetters, kafkaSource, parsedKafkaSource, type ParsedKafkaSource, type RecordParser } from '@shelfstream/kafka-connector';
import { postgresCheckpointStore, postgresDeadLetters, type PostgresSink } from '@shelfstream/postgres-connector';
import type { Pool } from 'pg';
import { LiveDimension } from './retail-dimension';
import { SharedSource } from './shared-source';
import { liveInventorySink, salesHistorySink, salesVelocitySink } from './retail-sinks';

export interface RetailStreamOptions {
  readonly brokers: string[];
  readonly topic: string;
  readonly deadLetterTopic?: string;
  /** Micro-batch trigger interval in ms. */
  readonly triggerMs: number;
  readonly maxOffsetsPerTrigger?: number;
  readonly startingOffsets?: 'earliest' | 'latest';
  /** Prefix of query names (checkpoints and commits); tests use a unique one. */
  readonly queryPrefix?: string;
  /** Only these Kafka partitions (consumer-group mode runs one stream per owned partition). */
  readonly partitions?: readonly number[];
  /** Owner id written with partition offsets; a stale owner's commit is fenced (group mode). */
  readonly owner?: string;
  /** Event times later than the record's Kafka timestamp plus this are dead-lettered (EVENT_TIME_IN_FUTURE). */
  readonly maxFutureSkewMs?: number;
  /** How often (processing time) a quiet SKU's figures are checked for decay (default 1 minute). */
  readonly decayCheck?: string | number;
  /** Batch timestamps (processing time): the system clock unless a test moves its own. */
  readonly clock?: Clock;
}

export interface RetailStream {
  readonly queries: Record<'inventory' | 'velocity1h' | 'velocity24h' | 'history', StreamingQuery>;
  readonly inventorySource: ParsedKafkaSource;
  /** The event-time watermark (ms; 0 before any event): the newest of the queries' watermarks. */
  watermarkMs(): number;
  /** Products + baselines as the inventory query sees them (re-read when they change). */
  readonly dimension: LiveDimension;
  processAllAvailable(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Domain validation as the Kafka parse step: the dead-letter code is the validation's reason code. The
 * record's Kafka timestamp is its receive time (the same on every replay of the batch).
 */
export function salesRecordParser(skus: ReadonlySet<string>, maxFutureSkewMs?: number): RecordParser {
  return (raw, meta) => {
    const result = validateSalesRecord(raw, { knownSkus: skus, receivedAtMs: meta?.timestampMs, maxFutureSkewMs });
    return result.ok ? { ok: true, value: { ...result.event, event_time: result.eventTimeMs } } : result;
  };
}

export async function startRetailStream(pool: Pool, options: RetailStreamOptions): Promise<RetailStream> {
  const engine = createEngine({ clock: options.clock });
  const prefix = options.queryPrefix ?? '';
  const liveDimension = new LiveDimension(pool);
  const dimension = await liveDimension.frame(engine);
  const parser = salesRecordParser(liveDimension.skus, options.maxFutureSkewMs);
  const arrowSchema = toArrowSchema(SALES_EVENTS_SCHEMA);
  // One Kafka reader and one parse (with the dead letters) shared by the four queries.
  const inventorySource = parsedKafkaSource(
    kafkaSource({
      topic: options.topic,
      brokers: options.brokers,
      name: `kafka:${options.topic}`,
      startingOffsets: options.startingOffsets ?? 'earliest',
      maxOffsetsPerTrigger: options.maxOffsetsPerTrigger,
      partitions: options.partitions,
    }),
    {
      schema: arrowSchema,
      parser,
      deadLetters: [
        postgresDeadLetters({ connection: pool, queryName: `${prefix}retail` }),
        // A stable transactional id: a restarted stream fences (and aborts) the open transaction of the
        // process it replaces instead of leaving it to hold back read-committed consumers until it times out.
        ...(options.deadLetterTopic
          ? [
              kafkaDeadLetters({
                topic: options.deadLetterTopic,
                brokers: options.brokers,
                transactionalId: `shelfstream-dead-letters:${prefix}retail:${options.deadLetterTopic}`,
              }),
            ]
          : []),
      ],
    },
  );
  // products or baselines changed since the last batch: re-read them before this batch is validated and joined
  const shared = new SharedSource(inventorySource, 4, () => liveDimension.refresh());
  const source = (): DataFrame => engine.readStream.source(shared.view());

  const start = async (queryName: string, df: DataFrame, sink: PostgresSink) =>
    df.writeStream
      .outputMode('update')
      .trigger({ processingTime: options.triggerMs })
      .queryName(queryName)
      .checkpointStore(postgresCheckpointStore(queryName, pool))
      .sink(sink)
      .start();

  const inventoryName = `${prefix}live_inventory`;
  const inventoryEvents = source();
  const deadLetterFacts = () => ({ deadLetters: inventorySource.lastCounts?.deadLetters ?? 0, deadLettersByCode: inventorySource.lastCounts?.byCode ?? {} });
  const inventory = await start(
    inventoryName,
    liveInventory(inventoryEvents, dimension, { decayCheck: options.decayCheck }),
    liveInventorySink(pool, deadLetterFacts, options.owner),
  );
  const v1Name = `${prefix}sales_velocity_1h`;
  const velocity1h = await start(v1Name, salesVelocity(source(), VELOCITY_1H), salesVelocitySink(pool, undefined, options.owner));
  const v24Name = `${prefix}sales_velocity_24h`;
  const velocity24h = await start(v24Name, salesVelocity(source(), VELOCITY_24H), salesVelocitySink(pool, undefined, options.owner));
  // every validated event into sales_history: the nightly baseline's history and the as-of ledger
  const history = await start(`${prefix}sales_history`, salesHistory(source()), salesHistorySink(pool, options.owner));
  const queries = { inventory, velocity1h, velocity24h, history };
  return {
    queries,
    inventorySource,
    watermarkMs: () => Math.max(...Object.values(queries).map((q) => q.currentWatermarkMs)),
    dimension: liveDimension,
    async processAllAvailable() {
      await Promise.all(Object.values(queries).map((q) => q.processAllAvailable()));
    },
    async stop() {
      await Promise.all(Object.values(queries).map((q) => q.stop()));
    },
  };
}
