// The `stream` command as a process: its JSON status lines report the events it read and the real
// event-time watermark (newest sale time − the 10-minute delay of the velocity queries), and its
// /metrics endpoint (METRICS_PORT) counts the same rows and the consumer lag per partition.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import type { TestDatabase } from '@shelfstream/postgres-connector/testing';
import { freePort } from '@shelfstream/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledCatalog, seededDatabase, simulatedRecords } from './retail-fixture';

const ROOT = join(__dirname, '../../..');
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

interface LogLine {
  readonly level: string;
  readonly component: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

interface StreamProcess {
  readonly child: ChildProcess;
  readonly metricsPort: number;
  readonly exited: Promise<number | null>;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** The JSON log lines printed so far. */
  lines(): LogLine[];
  metrics(): Promise<string>;
}

async function startStream(db: TestDatabase, args: readonly string[]): Promise<StreamProcess> {
  const metricsPort = await freePort();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/pipeline/src/main.ts', 'stream', ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      SWC_NODE_PROJECT: 'apps/pipeline/tsconfig.json',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: brokers.join(','),
      METRICS_PORT: String(metricsPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => ((stdout += chunk.toString()), (output += chunk.toString())));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    child,
    metricsPort,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    output: () => output,
    lines: () =>
      stdout
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as LogLine),
    metrics: async () => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text(),
  };
}

/** Resolves with the first non-undefined answer of `check` (asked every 200 ms), or fails when the process exits or after `timeoutMs`. */
async function until<T>(stream: StreamProcess, what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null | undefined;
  void stream.exited.then((code) => (exited = code));
  for (;;) {
    const answer = await check().catch(() => undefined); // e.g. /metrics not listening yet
    if (answer !== undefined) return answer;
    if (exited !== undefined) throw new Error(`stream exited (${exited}) before ${what}:\n${stream.output()}`);
    if (Date.now() > deadline) throw new Error(`no ${what} in ${timeoutMs} ms:\n${stream.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The consumer-lag series of `topic` on a /metrics page, by partition. */
function lagOf(metrics: string, topic: string): Map<number, number> {
  const lag = new Map<number, number>();
  for (const m of metrics.matchAll(/^shelfstream_pipeline_consumer_lag_records\{([^}]*)\} (\d+)$/gm)) {
    const labels = new Map([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]]));
    if (labels.get('topic') === topic) lag.set(Number(labels.get('partition')), Number(m[2]));
  }
  return lag;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

describe('pipeline stream status line and metrics', () => {
  let db: TestDatabase;
  let lagDb: TestDatabase;
  let topic: TestTopic;
  let lagTopic: TestTopic;
  let deadLetterTopic: TestTopic;
  beforeAll(async () => {
    const catalog = await bundledCatalog();
    [db, lagDb, topic, lagTopic, deadLetterTopic] = await Promise.all([
      seededDatabase('stream_status', catalog),
      seededDatabase('stream_lag', catalog),
      createTestTopic('stream-status', 3, brokers),
      createTestTopic('stream-lag', 3, brokers),
      createTestTopic('stream-status-dl', 1, brokers),
    ]);
  });
  afterAll(async () => {
    await Promise.all([db?.drop(), lagDb?.drop(), topic?.delete(), lagTopic?.delete(), deadLetterTopic?.delete()]);
  });

  it('shows the watermark of the events read, and no lag once they are processed', { timeout: 180_000 }, async () => {
    const records = simulatedRecords(await bundledCatalog(), { startMs: Date.UTC(2026, 10, 16, 9), hours: 1, rate: 1, malformed: 0, seed: 5 });
    await topic.produce(records.map((r) => ({ key: r.key, value: r.value })));
    const newestSale = Math.max(...records.filter((r) => r.event?.type === 'sale').map((r) => r.eventTimeMs));
    const expected = new Date(newestSale - 10 * 60_000).toISOString();

    const stream = await startStream(db, ['--topic', topic.name, '--dead-letter-topic', deadLetterTopic.name, '--trigger', '200ms', '--status-every', '1s']);
    try {
      // the status lines have reported every record and the newest watermark
      const line = await until(stream, `status lines with ${records.length} events and watermark ${expected}`, async () => {
        const status = stream.lines().filter((l) => l.msg.startsWith('stream: last '));
        const last = status.find((l) => l.watermark === expected);
        return last && sum(status.map((l) => Number(l.events))) === records.length ? last : undefined;
      });
      expect(line).toMatchObject({ level: 'info', component: 'stream', periodMs: 1000, deadLetters: 0, watermark: expected });
      expect(line.batch).toEqual(expect.any(Number));
      expect(line.msg).toMatch(new RegExp(`^stream: last 1 s \\d+ events, 0 dead letters; batch \\d+, watermark ${expected}$`));
      expect(stream.lines().find((l) => l.msg.startsWith('stream: running'))).toMatchObject({ triggerMs: 200 });
      expect(stream.output()).not.toContain('1970-01-01');
      const metrics = await stream.metrics();
      expect(metrics).toContain(`shelfstream_pipeline_input_rows_total{query="retail"} ${records.length}`);
      expect(metrics).toMatch(/^shelfstream_pipeline_batch_duration_seconds_count\{query="retail"\} [1-9]\d*$/m);
      expect(metrics).toContain('shelfstream_pipeline_process_cpu_seconds_total');
      expect(lagOf(metrics, topic.name)).toEqual(
        new Map([
          [0, 0],
          [1, 0],
          [2, 0],
        ]),
      );
    } finally {
      stream.child.kill('SIGTERM');
    }
    expect(await stream.exited).toBe(0);
  });

  it('reports the backlog a rate-limited batch leaves as lag, per partition, and 0 once processed (also in --group mode)', { timeout: 180_000 }, async () => {
    const records = simulatedRecords(await bundledCatalog(), { startMs: Date.UTC(2026, 10, 16, 9), hours: 1, rate: 1, malformed: 0, seed: 7 }).slice(0, 40);
    await lagTopic.produce(records.map((r) => ({ key: r.key, value: r.value })));
    const common = ['--topic', lagTopic.name, '--dead-letter-topic', deadLetterTopic.name];

    // One batch of at most 10 records; the next trigger is 60 minutes away, so the lag stays as the first batch left it.
    const limited = await startStream(lagDb, [...common, '--trigger', '60m', '--max-offsets-per-trigger', '10']);
    try {
      const lag = await until(limited, 'a lag series for every partition', async () => {
        const seen = lagOf(await limited.metrics(), lagTopic.name);
        return seen.size === 3 ? seen : undefined;
      });
      expect(sum(lag.values())).toBe(records.length - 10);
      expect(await limited.metrics()).toContain(`shelfstream_pipeline_input_rows_total{query="retail"} 10`);
    } finally {
      limited.child.kill('SIGTERM');
    }
    expect(await limited.exited).toBe(0);

    // --group (one query per owned partition, here all 3, with their own checkpoints): the backlog drains to 0.
    const grouped = await startStream(lagDb, [...common, '--trigger', '200ms', '--group', `stream-lag-${process.pid}`]);
    try {
      const drained = await until(grouped, 'every record processed', async () => {
        const metrics = await grouped.metrics();
        return metrics.includes(`shelfstream_pipeline_input_rows_total{query="retail"} ${records.length}`) ? metrics : undefined;
      });
      expect(lagOf(drained, lagTopic.name)).toEqual(
        new Map([
          [0, 0],
          [1, 0],
          [2, 0],
        ]),
      );
      expect(
        grouped
          .lines()
          .filter((l) => l.msg.startsWith('stream: owns partitions'))
          .at(-1),
      ).toMatchObject({ partitions: [0, 1, 2] });
    } finally {
      grouped.child.kill('SIGTERM');
    }
    expect(await grouped.exited).toBe(0);
  });
});
