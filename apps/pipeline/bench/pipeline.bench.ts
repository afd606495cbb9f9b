// Benchmark (Nx target `bench`): produce -> committed live_inventory latency at a fixed rate with a
// 100 ms trigger, and the highest rate the stream sustains (drain time of a pre-produced backlog).
// Real broker and Postgres; a fresh topic and database per phase. CPU-seconds per event of this process
// (the stream; the producer is a child) for both phases, and a CPU profile of a second, smaller drain
// (--profile-backlog, 0 = none) summarised as self time per function and per package. Usage:
//   node -r @swc-node/register bench/pipeline.bench.ts [--rate 10000] [--seconds 30] [--backlog 300000]
//        [--profile-backlog 100000] [--async-commit]
import { fork } from 'node:child_process';
import { PIPELINE_PROGRESS_CHANNEL } from '@shelfstream/db';
import { generateSales, initialSimulatorState, type Product, type SimulatorConfig } from '@shelfstream/domain';
import type { StreamingQueryProgress } from '@shelfstream/engine';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import { CompressionTypes, type Producer } from 'kafkajs';
import { Client, Pool } from 'pg';
import { kafkaClient } from '@shelfstream/platform';
import { SALES_KAFKA_OPTIONS } from '../src/kafka/kafka-producer';
import { profiled } from '@shelfstream/platform';
import { startRetailStream } from '../src/retail/retail-stream';
import { bundledCatalog, seededDatabase } from '../test/retail-fixture';

const args = new Map(
  process.argv
    .slice(2)
    .map((a, i, all) => [a, all[i + 1]] as const)
    .filter(([a]) => a.startsWith('--')),
);
const RATE = Number(args.get('--rate') ?? 10_000);
const SECONDS = Number(args.get('--seconds') ?? 30);
const BACKLOG = Number(args.get('--backlog') ?? 300_000);
const TRIGGER_MS = Number(args.get('--trigger') ?? 100);
const PROFILE_BACKLOG = Number(args.get('--profile-backlog') ?? 100_000);
/** `--async-commit`: Postgres synchronous_commit=off for the stream's connections (see docs/retail-pipeline.md). */
const POOL_OPTIONS = process.argv.includes('--async-commit') ? '-c synchronous_commit=off' : undefined;
const PARTITIONS = 6;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

function partitionOf(sku: string): number {
  let h = 2166136261;
  for (let i = 0; i < sku.length; i++) h = Math.imul(h ^ sku.charCodeAt(i), 16777619);
  return (h >>> 0) % PARTITIONS;
}

function simulator(products: readonly Product[], rate: number): SimulatorConfig {
  return {
    seed: 7,
    products: products.slice(0, 1000).map((p) => ({ sku: p.sku, price: p.basePrice, stock: 1_000_000, lowStockThreshold: 10 })),
    ratePerSecond: rate,
    cycles: false,
  };
}

interface SendMeta {
  readonly partition: number;
  readonly base: number;
  readonly count: number;
  readonly sentAt: number;
}

/** Sends records, pinning partitions so each message's offset is known: base offset + index. */
async function sendTracked(producer: Producer, topic: string, records: readonly { key: string; value: string }[]): Promise<SendMeta[]> {
  const byPartition = new Map<number, { key: string; value: string }[]>();
  for (const r of records) {
    const p = partitionOf(r.key);
    const list = byPartition.get(p) ?? [];
    list.push(r);
    byPartition.set(p, list);
  }
  const sentAt = performance.timeOrigin + performance.now();
  const result = await producer.send({
    topic,
    compression: CompressionTypes.None,
    messages: [...byPartition].flatMap(([partition, list]) => list.map((m) => ({ partition, key: m.key, value: m.value }))),
  });
  return result.map((meta) => ({ partition: meta.partition, base: Number(meta.baseOffset), count: byPartition.get(meta.partition)?.length ?? 0, sentAt }));
}

/** Send times by partition and offset (relative to the first offset seen on that partition). */
class SendLog {
  readonly sentAt = new Map<number, number[]>();
  readonly firstOffset = new Map<number, number>();
  record(meta: SendMeta): void {
    const first = this.firstOffset.get(meta.partition) ?? meta.base;
    this.firstOffset.set(meta.partition, first);
    const times = this.sentAt.get(meta.partition) ?? [];
    for (let i = 0; i < meta.count; i++) times[meta.base - first + i] = meta.sentAt;
    this.sentAt.set(meta.partition, times);
  }
}

/** The producer runs in its own process (like the real simulator), reporting each send to the parent. */
async function producerChild(topic: string, rate: number, seconds: number): Promise<void> {
  const products = (await bundledCatalog()).sort((a, b) => b.lowStockThreshold - a.lowStockThreshold);
  const producer = kafkaClient('p5-bench', brokers.join(','), SALES_KAFKA_OPTIONS).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const config = simulator(products, rate);
  let state = initialSimulatorState(config, Date.now());
  const started = Date.now();
  let from = started;
  let produced = 0;
  while (from - started < seconds * 1000) {
    await new Promise((r) => setTimeout(r, Math.max(0, from + 10 - Date.now())));
    const to = Date.now();
    const out = generateSales(config, state, from, to);
    state = out.state;
    from = to;
    // keep each request well under the broker's 1 MB
    for (let i = 0; i < out.records.length; i += 2000) process.send?.({ sends: await sendTracked(producer, topic, out.records.slice(i, i + 2000)) });
    produced += out.records.length;
  }
  await producer.disconnect();
  process.send?.({ done: { produced, rate: (produced * 1000) / (Date.now() - started) } });
}

function runProducerChild(topic: string, log: SendLog): Promise<{ produced: number; rate: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['--producer-child', topic, String(RATE), String(SECONDS)], { execArgv: ['-r', '@swc-node/register'] });
    child.on('message', (m: { sends?: SendMeta[]; done?: { produced: number; rate: number } }) => {
      m.sends?.forEach((meta) => log.record(meta));
      if (m.done) resolve(m.done);
    });
    child.on('exit', (code) => (code === 0 ? undefined : reject(new Error(`producer exited with ${code}`))));
  });
}

/** Milliseconds spent per phase over the recorded batches of one query. */
function phaseTotals(progress: readonly StreamingQueryProgress[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const p of progress) for (const [phase, ms] of Object.entries(p.durationMs)) totals[phase] = (totals[phase] ?? 0) + (ms ?? 0);
  return totals;
}

/** CPU-seconds of this process since `start` (a process.cpuUsage() reading). */
const cpuSecondsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
};
const perEventUs = (cpuSeconds: number, events: number) => Math.round((cpuSeconds / Math.max(1, events)) * 1e7) / 10;

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function withSetup<T>(label: string, fn: (ctx: { url: string; topic: TestTopic; products: Product[] }) => Promise<T>): Promise<T> {
  const products = (await bundledCatalog()).sort((a, b) => b.lowStockThreshold - a.lowStockThreshold);
  const db = await seededDatabase(`p5_bench_${label}`, products);
  const topic = await createTestTopic(`p5-bench-${label}`, PARTITIONS, brokers);
  try {
    return await fn({ url: db.url, topic, products });
  } finally {
    await topic.delete();
    await db.drop();
  }
}

async function latencyPhase() {
  return withSetup('latency', async ({ url, topic }) => {
    const pool = new Pool({ connectionString: url, max: 8, options: POOL_OPTIONS });
    const cpu0 = process.cpuUsage();
    const stream = await startRetailStream(pool, { brokers, topic: topic.name, triggerMs: TRIGGER_MS, startingOffsets: 'earliest' });
    const log = new SendLog();
    const latencies: number[] = [];
    const sentTimes: number[] = [];
    const done = new Map<number, number>(); // partition -> events measured so far (relative offset)
    const listener = new Client({ connectionString: url });
    await listener.connect();
    await listener.query(`LISTEN ${PIPELINE_PROGRESS_CHANNEL}`);
    listener.on('notification', (n) => {
      const seenAt = performance.timeOrigin + performance.now();
      const { queryName, batchId } = JSON.parse(n.payload ?? '{}') as { queryName: string; batchId: number };
      if (queryName !== 'live_inventory') return;
      void pool
        .query<{ progress: { endOffsets: Record<string, { partitions?: Record<string, number> }> } }>(
          'SELECT progress FROM pipeline_progress WHERE query_name = $1 AND batch_id = $2',
          [queryName, batchId],
        )
        .then(({ rows }) => {
          const end = Object.values(rows[0]?.progress.endOffsets ?? {})[0]?.partitions ?? {};
          for (const [p, next] of Object.entries(end)) {
            const partition = Number(p);
            const base = log.firstOffset.get(partition);
            const times = log.sentAt.get(partition);
            if (base === undefined || !times) continue;
            const upTo = Math.min(next - base, times.length);
            for (let i = done.get(partition) ?? 0; i < upTo; i++)
              if (times[i] !== undefined) {
                latencies.push(seenAt - times[i]);
                sentTimes.push(times[i]);
              }
            done.set(partition, Math.max(done.get(partition) ?? 0, upTo));
          }
        })
        .catch(() => undefined); // a notification racing the end of the run
    });

    const { produced, rate: producedRate } = await runProducerChild(topic.name, log);
    await stream.processAllAvailable();
    await new Promise((r) => setTimeout(r, 1000));
    const perBatch = Object.fromEntries(
      [stream.query].map((q) => {
        const name = q.name;
        const recent = q.recentProgress.filter((p) => !p.isNoDataBatch);
        const totals = phaseTotals(recent);
        return [name, Object.fromEntries(Object.entries(totals).map(([phase, ms]) => [phase, Math.round((ms / Math.max(1, recent.length)) * 10) / 10]))];
      }),
    );
    await stream.stop();
    const cpuSeconds = cpuSecondsSince(cpu0);
    await listener.end();
    await pool.end();
    // lag not growing: the median latency of the last third of the run is no worse than the first third's
    const firstSent = sentTimes.reduce((a, b) => Math.min(a, b), Infinity);
    const span = sentTimes.reduce((a, b) => Math.max(a, b), -Infinity) - firstSent;
    const third = (k: number) =>
      latencies.filter((_, i) => sentTimes[i] - firstSent >= (k * span) / 3 && sentTimes[i] - firstSent < ((k + 1) * span) / 3).sort((a, b) => a - b);
    const p50FirstThird = Math.round(percentile(third(0), 0.5));
    const p50LastThird = Math.round(percentile(third(2), 0.5));
    latencies.sort((a, b) => a - b);
    return {
      produced,
      producedRate: Math.round(producedRate),
      measured: latencies.length,
      p50: Math.round(percentile(latencies, 0.5)),
      p99: Math.round(percentile(latencies, 0.99)),
      max: Math.round(latencies[latencies.length - 1] ?? NaN),
      p50FirstThird,
      p50LastThird,
      cpuSeconds: Math.round(cpuSeconds * 10) / 10,
      cpuUsPerEvent: perEventUs(cpuSeconds, produced),
      msPerBatch: perBatch,
    };
  });
}

/** Drains a pre-produced backlog; with `profile`, the drain (not the producing) runs under the CPU profiler. */
async function capacityPhase(backlog: number, label = 'capacity', profile = false) {
  return withSetup(label, async ({ url, topic, products }) => {
    const config = simulator(products, 100_000);
    let state = initialSimulatorState(config, Date.now());
    const producer = kafkaClient('p5-bench', brokers.join(','), SALES_KAFKA_OPTIONS).producer({ allowAutoTopicCreation: false });
    await producer.connect();
    let produced = 0;
    let t = Date.now();
    while (produced < backlog) {
      const out = generateSales(config, state, t, t + 20);
      state = out.state;
      t += 20;
      await producer.send({
        topic: topic.name,
        compression: CompressionTypes.None,
        messages: out.records.map((r) => ({ partition: partitionOf(r.key), key: r.key, value: r.value })),
      });
      produced += out.records.length;
    }
    await producer.disconnect();
    const pool = new Pool({ connectionString: url, max: 8, options: POOL_OPTIONS });
    const started = Date.now();
    const cpu0 = process.cpuUsage();
    const drain = async () => {
      const stream = await startRetailStream(pool, {
        brokers,
        topic: topic.name,
        triggerMs: TRIGGER_MS,
        startingOffsets: 'earliest',
        maxOffsetsPerTrigger: 100_000,
      });
      await stream.processAllAvailable();
      return stream;
    };
    const { stream, summary } = profile
      ? await profiled(drain).then((r) => ({ stream: r.result, summary: r.profile }))
      : { stream: await drain(), summary: undefined };
    const seconds = (Date.now() - started) / 1000;
    const cpuSeconds = cpuSecondsSince(cpu0);
    const batches = stream.query.recentProgress.length;
    const phases = { [stream.query.name]: phaseTotals(stream.query.recentProgress) };
    await stream.stop();
    await pool.end();
    return {
      backlog: produced,
      seconds: Math.round(seconds * 10) / 10,
      eventsPerSecond: Math.round(produced / seconds),
      inventoryBatches: batches,
      cpuSeconds: Math.round(cpuSeconds * 10) / 10,
      cpuUsPerEvent: perEventUs(cpuSeconds, produced),
      phasesMs: phases,
      profile: summary,
    };
  });
}

async function main() {
  if (process.argv[2] === '--producer-child') return producerChild(process.argv[3], Number(process.argv[4]), Number(process.argv[5]));
  console.log(`pipeline bench: ${RATE} events/s for ${SECONDS} s, trigger ${TRIGGER_MS} ms; backlog ${BACKLOG}`);
  const latency = await latencyPhase();
  console.log(
    `latency produce -> committed live_inventory: p50 ${latency.p50} ms, p99 ${latency.p99} ms, max ${latency.max} ms over ${latency.measured} events (produced ${latency.producedRate}/s); p50 first third ${latency.p50FirstThird} ms, last third ${latency.p50LastThird} ms`,
  );
  const capacity = await capacityPhase(BACKLOG);
  console.log(
    `capacity: ${capacity.backlog} events drained in ${capacity.seconds} s = ${capacity.eventsPerSecond} events/s (one query, ${capacity.inventoryBatches} batches), ${capacity.cpuUsPerEvent} CPU-µs/event in this process`,
  );
  const profile = PROFILE_BACKLOG > 0 ? (await capacityPhase(PROFILE_BACKLOG, 'profile', true)).profile : undefined;
  if (profile) console.log(`profile of a ${PROFILE_BACKLOG}-event drain, self time: ${profile.owners.map((o) => `${o.name} ${o.percent}%`).join(', ')}`);
  const config = {
    rate: RATE,
    seconds: SECONDS,
    backlog: BACKLOG,
    triggerMs: TRIGGER_MS,
    synchronousCommit: POOL_OPTIONS === undefined,
    partitions: PARTITIONS,
    profileBacklog: PROFILE_BACKLOG,
  };
  console.log(JSON.stringify({ config, latency, capacity, profile }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
