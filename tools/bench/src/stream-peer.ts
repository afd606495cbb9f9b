// Streaming runs: our engine (engine-stream.ts children) and the Spark Structured Streaming peer
// reading the same Kafka topic, both upserting their windows into a throw-away Postgres database.
// Backlog runs give sustained events/s (the first, start-up batch of each query left out, as the Spark
// peer does); rate runs feed events at a steady rate while the query runs and give latency p50/p99.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestTopic, testBrokers, type TestTopic } from '@shelfstream/kafka-connector/testing';
import { createTestDatabase } from '@shelfstream/postgres-connector/testing';
import { Pool } from 'pg';
import { type Child, percentile, runBenchScript } from './child';
import { BenchError } from './flags';
import { createPeerDatabase, ensureSpark, produceSales, runSparkPeer } from './peer-scripts';
import { VELOCITY_TABLE, WINDOWS_PER_EVENT } from './sliding-query';

export interface StreamFigures {
  readonly peer: 'shelfstream' | 'spark';
  readonly feed: string;
  readonly processes?: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  /** Whole drain, every batch included: events in the topic / (last batch end - first batch start). */
  readonly drainEventsPerSecond?: number;
  /** Group mode: events/s of the batches started after the last partition hand-over (steady state). */
  readonly settledEventsPerSecond?: number;
  /** Rows read, replays after a consumer-group hand-over included. */
  readonly inputRows?: number;
  readonly latencyMsP50?: number;
  readonly latencyMsP99?: number;
  readonly batches: number;
  readonly tableWindows: number;
  readonly tableOrders: number;
  readonly expectedOrders: number;
  readonly peakRssMbPerProcess?: number;
  readonly stateRows?: number;
  /** CPU-µs per event of our engine's processes (Postgres and the broker not included). */
  readonly cpuUsPerEvent?: number;
}

export interface StreamTopic {
  readonly topic: TestTopic;
  readonly events: number;
  readonly warmupEvents: number;
}

export const MAX_OFFSETS_PER_TRIGGER = 20_000;

/** A fresh 6-partition topic with `events` contract-shaped sales (event times over the last 24 h). */
export async function backlogTopic(events: number, skus: number): Promise<StreamTopic> {
  const topic = await createTestTopic('bench-sales', 6);
  await produceSales({ brokers: testBrokers(), topic: topic.name, events, skus, hours: 24 });
  return { topic, events, warmupEvents: 0 };
}

/** The products dimension both peers join with: one CSV row per SKU the producer can emit. */
export function writeProductsCsv(dir: string, skus: number): string {
  const file = path.join(dir, `products-${skus}.csv`);
  const lines = ['sku,name,category'];
  for (let i = 0; i < skus; i++) lines.push(`SKU-${String(i).padStart(6, '0')},Product ${i},cat-${i % 20}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

interface BatchLine {
  query: string;
  batchId: number;
  inputRows: number;
  startMs: number;
  durationMs: number;
  stateRows: number;
  rssMb: number;
  pid?: number;
  cpuMs?: number;
}

/** Engine CPU per event: per process, CPU between its first and last batch line ÷ rows of its later batches. */
export function cpuUsPerEvent(batches: readonly Pick<BatchLine, 'pid' | 'cpuMs' | 'inputRows'>[]): number | undefined {
  const perProcess = new Map<number, { first: number; last: number; rows: number }>();
  for (const b of batches) {
    if (b.pid === undefined || b.cpuMs === undefined) continue;
    const p = perProcess.get(b.pid);
    if (!p) perProcess.set(b.pid, { first: b.cpuMs, last: b.cpuMs, rows: 0 });
    else {
      p.last = Math.max(p.last, b.cpuMs);
      p.rows += b.inputRows;
    }
  }
  const all = [...perProcess.values()];
  const rows = all.reduce((n, p) => n + p.rows, 0);
  return rows === 0 ? undefined : (all.reduce((n, p) => n + p.last - p.first, 0) * 1000) / rows;
}

export interface EngineRunOptions {
  readonly source: StreamTopic;
  readonly products: string;
  readonly processes: number;
  /** Consumer-group mode (PartitionRunner: one query per owned partition); always when processes > 1. */
  readonly group?: boolean;
  /** Rate feed: events produced at this rate once the first (warm-up) batch is done. */
  readonly rate?: { readonly events: number; readonly perSecond: number; readonly skus: number };
  /** Leave each query's first batch out of events/s (start-up), as the Spark peer does. */
  readonly excludeFirstBatch: boolean;
  readonly timeoutMs: number;
}

/** Runs our engine's streaming query in `processes` processes (one consumer group when > 1 or `group`). */
export async function runEngineStream(options: EngineRunOptions): Promise<StreamFigures> {
  const { source } = options;
  const total = source.events + source.warmupEvents + (options.rate?.events ?? 0);
  const db = await createTestDatabase('bench_stream');
  const batches: BatchLine[] = [];
  const latencies: number[] = [];
  let feeding: Promise<unknown> | undefined;
  let rows = 0;
  const children: Child[] = [];
  const pool = new Pool({ connectionString: db.url, max: 1 });
  const tableFigures = async () => {
    const sql = `select count(*)::bigint as windows, coalesce(sum(orders), 0)::bigint as orders from ${VELOCITY_TABLE}`;
    const [t] = (await pool.query(sql).catch(() => ({ rows: [] }))).rows as { windows?: string; orders?: string }[];
    return { windows: Number(t?.windows ?? 0), orders: Number(t?.orders ?? 0) };
  };
  try {
    let failure: Error | undefined;
    let lastHandOverMs = 0;
    const onJson = (line: Record<string, unknown>) => {
      if (Array.isArray(line.latenciesMs)) {
        if ((line.batchId as number) > 0) latencies.push(...(line.latenciesMs as number[]));
        return;
      }
      if (typeof line.atMs === 'number') lastHandOverMs = Math.max(lastHandOverMs, line.atMs);
      if (typeof line.inputRows !== 'number') return;
      const batch = line as unknown as BatchLine;
      batches.push(batch);
      rows += batch.inputRows;
      if (options.rate && !feeding && batch.batchId === 0) {
        feeding = produceSales({
          brokers: testBrokers(),
          topic: source.topic.name,
          events: options.rate.events,
          skus: options.rate.skus,
          rate: options.rate.perSecond,
        });
      }
    };
    const group = options.group || options.processes > 1 ? `bench-group-${path.basename(db.url)}` : undefined;
    for (let i = 0; i < options.processes; i++) {
      const args = [
        '--topic',
        source.topic.name,
        '--products',
        options.products,
        '--pg',
        db.url,
        '--query',
        'bench',
        '--max-offsets',
        String(MAX_OFFSETS_PER_TRIGGER),
      ];
      if (group) args.push('--group', group, '--owner', `worker-${i}`);
      if (options.rate) args.push('--latency');
      const child = runBenchScript('engine-stream.ts', args, onJson);
      child.done.catch((error: unknown) => (failure = error as Error));
      children.push(child);
    }
    // Done when every event is counted in the table (12 windows each; replayed batches are not counted
    // twice, the sink skips committed batch ids) and the batch lines of that many rows have arrived.
    const expected = WINDOWS_PER_EVENT * total;
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      if (failure) throw failure;
      if (rows >= total && (await tableFigures()).orders >= expected) break;
      if (Date.now() > deadline)
        throw new BenchError(
          'BENCH_TIMEOUT',
          `engine stream: ${(await tableFigures()).orders / WINDOWS_PER_EVENT} of ${total} events in the table after ${options.timeoutMs} ms`,
        );
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await feeding;
    await new Promise((resolve) => setTimeout(resolve, 300)); // trailing batch lines
    for (const child of children) child.stop();
    await Promise.all(children.map((c) => c.done));
    const measured = options.excludeFirstBatch ? batches.filter((b) => b.batchId > 0) : batches;
    const firstStart = Math.min(...measured.map((b) => b.startMs));
    const lastEnd = Math.max(...measured.map((b) => b.startMs + b.durationMs));
    const measuredRows = measured.reduce((n, b) => n + b.inputRows, 0);
    const table = await tableFigures();
    const settled = batches.filter((b) => b.startMs >= lastHandOverMs);
    const settledSpanMs = lastEnd - Math.min(...settled.map((b) => b.startMs));
    const lastState = new Map(batches.map((b) => [b.query, b.stateRows]));
    return {
      peer: 'shelfstream',
      feed: options.rate ? `rate ${options.rate.perSecond}/s` : 'backlog',
      processes: options.processes,
      events: total,
      inputRows: rows,
      settledEventsPerSecond: group && settled.length > 1 ? settled.reduce((n, b) => n + b.inputRows, 0) / (settledSpanMs / 1000) : undefined,
      eventsPerSecond: measuredRows / ((lastEnd - firstStart) / 1000),
      drainEventsPerSecond: total / ((Math.max(...batches.map((b) => b.startMs + b.durationMs)) - Math.min(...batches.map((b) => b.startMs))) / 1000),
      latencyMsP50: percentile(latencies, 50),
      latencyMsP99: percentile(latencies, 99),
      batches: batches.length,
      tableWindows: table.windows,
      tableOrders: table.orders,
      expectedOrders: expected,
      peakRssMbPerProcess: Math.max(...batches.map((b) => b.rssMb)),
      stateRows: [...lastState.values()].reduce((a, b) => a + b, 0),
      cpuUsPerEvent: cpuUsPerEvent(batches),
    };
  } finally {
    for (const child of children) child.stop();
    await Promise.allSettled(children.map((c) => c.done));
    await pool.end();
    await db.drop();
  }
}

/** The Spark Structured Streaming peer on the same topic (its own checkpoint and database). */
export async function runSparkStream(options: Omit<EngineRunOptions, 'processes' | 'excludeFirstBatch'>): Promise<StreamFigures> {
  const { source } = options;
  await ensureSpark();
  const total = source.events + source.warmupEvents + (options.rate?.events ?? 0);
  const checkpoint = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-spark-checkpoint-'));
  const database = await createPeerDatabase('bench_spark');
  let feeding: Promise<unknown> | undefined;
  try {
    const args = [
      'stream',
      '--bootstrap',
      testBrokers().join(','),
      '--topic',
      source.topic.name,
      '--events',
      String(total),
      '--checkpoint',
      checkpoint,
      '--products',
      options.products,
      '--max-offsets-per-trigger',
      String(MAX_OFFSETS_PER_TRIGGER),
      '--warmup-batches',
      '1',
      '--timeout-ms',
      String(options.timeoutMs),
      '--jdbc-url',
      database.jdbcUrl,
    ];
    const figures = await runSparkPeer(args, {
      onFigures: (f) => {
        if (options.rate && !feeding && f.batchId === 0) {
          feeding = produceSales({
            brokers: testBrokers(),
            topic: source.topic.name,
            events: options.rate.events,
            skus: options.rate.skus,
            rate: options.rate.perSecond,
          });
        }
      },
    });
    await feeding;
    const summary = figures.find((f) => f.status === 'finished');
    if (!summary) throw new BenchError('BENCH_CHILD_FAILED', 'the Spark peer printed no summary');
    const [table = {}] = await database.query('select count(*)::bigint as windows, coalesce(sum(orders), 0)::bigint as orders from spark_sales_velocity');
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    return {
      peer: 'spark',
      feed: options.rate ? `rate ${options.rate.perSecond}/s` : 'backlog',
      events: Number(summary.events),
      eventsPerSecond: Number(summary.eventsPerSecond),
      latencyMsP50: options.rate ? num(summary.latencyMsP50) : undefined,
      latencyMsP99: options.rate ? num(summary.latencyMsP99) : undefined,
      batches: Number(summary.batches),
      tableWindows: Number(table.windows),
      tableOrders: Number(table.orders),
      expectedOrders: WINDOWS_PER_EVENT * total,
    };
  } finally {
    await database.drop().catch(() => undefined);
    fs.rmSync(checkpoint, { recursive: true, force: true });
  }
}

/** A fresh topic with a small warm-up backlog (event time now) for a rate run. */
export async function rateTopic(warmupEvents: number, skus: number): Promise<StreamTopic> {
  const topic = await createTestTopic('bench-rate', 6);
  await produceSales({ brokers: testBrokers(), topic: topic.name, events: warmupEvents, skus, hours: 0.01 });
  return { topic, events: 0, warmupEvents };
}
