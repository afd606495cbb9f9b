// `npm run bench`: our projects' own benchmarks, then our engine side by side with DuckDB and Spark
// (batch over the same Parquet file, streaming from the same Kafka topic into Postgres), consumer-group
// scale-up and state memory; one table on stdout, everything as JSON in bench-results/bench-<time>.json.
// Options: see options.ts (--quick, --no-spark, --own LIST, --no-peers, --no-docs, ...). At the end,
// docs/benchmarks.md is regenerated from the JSON (bench-docs.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeError } from '@shelfstream/engine';
import { runBatchPeers, syntheticParquet, type BatchFigures } from './batch-peer';
import { writeBenchmarksDoc } from './bench-docs';
import { ROOT, runBenchScript, runJsonChild } from './child';
import { benchOptions, type BenchOptions } from './options';
import { runRestartBench } from './restart-after-kill';
import { runOwnBench, type OwnBenchResult, QUICK_BENCH_ENV } from './own-benches';
import { ensureSpark } from './peer-scripts';
import { formatTable, LoadSampler, ratio, ratioOf, type TableRow } from './report';
import { backlogTopic, rateTopic, runEngineStream, runSparkStream, type StreamFigures, writeProductsCsv } from './stream-peer';

const log = (message: string) => console.log(`bench: ${message}`);
const STREAM_TIMEOUT_MS = 15 * 60_000;

function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** Spark is optional: undefined when usable, else why it is left out. */
async function sparkAvailability(options: BenchOptions): Promise<string | undefined> {
  if (!options.spark) return 'left out (--no-spark / BENCH_SPARK=0)';
  try {
    log('Spark: fetching jars / compiling the peer if needed (first time: ~280 MB, minutes)');
    await ensureSpark();
    return undefined;
  } catch (error) {
    const reason = `left out: Java/Maven set-up failed: ${(error as Error).message}`;
    log(`Spark ${reason}`);
    return reason;
  }
}

function checkNote(f: StreamFigures): string {
  const ok = f.tableOrders === f.expectedOrders;
  return `${ok ? 'ok' : 'MISMATCH'}: table orders ${f.tableOrders.toLocaleString('en-GB')} = 12 x events, ${f.tableWindows.toLocaleString('en-GB')} windows`;
}

function settledNote(two: StreamFigures, one: StreamFigures): string {
  if (two.settledEventsPerSecond === undefined)
    return 'no batch after the last hand-over (the drain ended while the group rebalanced: try --stream-events 1000000)';
  return `after the last hand-over ${Math.round(two.settledEventsPerSecond).toLocaleString('en-GB')}/s (${ratio(ratioOf(two.settledEventsPerSecond, one.drainEventsPerSecond))} of 1 process)`;
}

async function peers(options: BenchOptions, rows: TableRow[], results: Record<string, unknown>) {
  await runJsonChild(process.execPath, [path.join(ROOT, 'scripts', 'infra.mjs'), 'up']).done;
  const sparkSkipped = await sparkAvailability(options);
  results.spark = sparkSkipped ?? 'ran';

  // Batch
  const parquet = await syntheticParquet(options.batchEvents, options.skus);
  const batch = await runBatchPeers({ parquet, repeats: options.repeats, sparkSkipped, log });
  results.batch = { parquet: path.relative(ROOT, parquet), ...batch };
  const [ours, ...others] = batch.runs as [BatchFigures, ...BatchFigures[]];
  rows.push({
    section: 'batch',
    run: 'shelfstream (1 thread)',
    events: ours.events,
    eventsPerSecond: ours.eventsPerSecond,
    note: `${ours.windows.toLocaleString('en-GB')} windows`,
  });
  for (const r of others) {
    rows.push({
      section: 'batch',
      run: `${r.peer}${r.threads ? ` ${r.threads} thr` : ''}`,
      events: r.events,
      eventsPerSecond: r.eventsPerSecond,
      throughputRatio: ratioOf(ours.eventsPerSecond, r.eventsPerSecond),
      note: r.sameAsOurs ? 'same result' : 'RESULT DIFFERS',
    });
  }
  if (batch.sparkError) rows.push({ section: 'batch', run: 'spark', note: 'failed, see log above' });
  else if (sparkSkipped) rows.push({ section: 'batch', run: 'spark', note: sparkSkipped });

  // Streaming: the same backlog topic for both peers, then a rate-fed topic each for latency.
  const products = writeProductsCsv(path.dirname(parquet), options.skus);
  const stream: Record<string, StreamFigures | string> = {};
  results.stream = stream;
  log(`stream: producing ${options.streamEvents.toLocaleString('en-GB')} events into a 6-partition topic`);
  const backlog = await backlogTopic(options.streamEvents, options.skus);
  try {
    log('stream: our engine, 1 process (backlog)');
    stream.oursBacklog = await runEngineStream({ source: backlog, products, processes: 1, excludeFirstBatch: true, timeoutMs: STREAM_TIMEOUT_MS });
    log('stream: our engine, 1 process in a consumer group (backlog, one query per partition)');
    stream.oursBacklogGroup1 = await runEngineStream({
      source: backlog,
      products,
      processes: 1,
      group: true,
      excludeFirstBatch: true,
      timeoutMs: STREAM_TIMEOUT_MS,
    });
    log('stream: our engine, 2 processes in one consumer group (backlog)');
    stream.oursBacklog2 = await runEngineStream({ source: backlog, products, processes: 2, excludeFirstBatch: true, timeoutMs: STREAM_TIMEOUT_MS });
    if (!sparkSkipped) {
      log('stream: Spark (backlog, same topic)');
      stream.sparkBacklog = await runSparkStream({ source: backlog, products, timeoutMs: STREAM_TIMEOUT_MS }).catch(
        (e: unknown) => `failed: ${(e as Error).message}`,
      );
    }
  } finally {
    await backlog.topic.delete();
  }
  const rate = { events: options.rateEvents, perSecond: options.rate, skus: options.skus };
  for (const peer of sparkSkipped ? ['ours'] : ['ours', 'spark']) {
    log(`stream: ${peer === 'ours' ? 'our engine' : 'Spark'} fed at ${options.rate}/s (${options.rateEvents.toLocaleString('en-GB')} events)`);
    const topic = await rateTopic(1000, options.skus);
    try {
      stream[`${peer}Rate`] =
        peer === 'ours'
          ? await runEngineStream({ source: topic, products, processes: 1, excludeFirstBatch: true, rate, timeoutMs: STREAM_TIMEOUT_MS })
          : await runSparkStream({ source: topic, products, rate, timeoutMs: STREAM_TIMEOUT_MS }).catch((e: unknown) => `failed: ${(e as Error).message}`);
    } finally {
      await topic.topic.delete();
    }
  }
  const figure = (key: string) => (typeof stream[key] === 'object' ? stream[key] : undefined);
  for (const [oursKey, sparkKey] of [
    ['oursBacklog', 'sparkBacklog'],
    ['oursRate', 'sparkRate'],
  ] as const) {
    const o = figure(oursKey);
    const s = figure(sparkKey);
    if (o)
      rows.push({
        section: 'stream',
        run: `shelfstream ${o.feed}`,
        events: o.events,
        eventsPerSecond: o.eventsPerSecond,
        latencyMsP50: o.latencyMsP50,
        latencyMsP99: o.latencyMsP99,
        note: checkNote(o),
      });
    if (s) {
      rows.push({
        section: 'stream',
        run: `spark ${s.feed}`,
        events: s.events,
        eventsPerSecond: s.eventsPerSecond,
        latencyMsP50: s.latencyMsP50,
        latencyMsP99: s.latencyMsP99,
        throughputRatio: ratioOf(o?.eventsPerSecond, s.eventsPerSecond),
        latencyRatio: ratioOf(o?.latencyMsP50, s.latencyMsP50),
        note: `${checkNote(s)}${o && o.tableWindows === s.tableWindows ? ', same windows' : ''}`,
      });
    } else if (typeof stream[sparkKey] === 'string' || sparkSkipped)
      rows.push({
        section: 'stream',
        run: sparkKey === 'sparkRate' ? `spark rate ${options.rate}/s` : 'spark backlog',
        note: typeof stream[sparkKey] === 'string' ? stream[sparkKey] : String(sparkSkipped),
      });
  }

  // Scale-up: whole drain of the same backlog by 1 and 2 processes.
  const one = figure('oursBacklogGroup1');
  const two = figure('oursBacklog2');
  if (one && two) {
    rows.push({
      section: 'scale-up',
      run: 'shelfstream 1 process (group)',
      events: one.events,
      eventsPerSecond: one.drainEventsPerSecond,
      note: `peak RSS ${Math.round(one.peakRssMbPerProcess ?? 0)} MB`,
    });
    rows.push({
      section: 'scale-up',
      run: 'shelfstream 2 processes (group)',
      events: two.events,
      eventsPerSecond: two.drainEventsPerSecond,
      throughputRatio: ratioOf(two.drainEventsPerSecond, one.drainEventsPerSecond),
      note: `ratio = 2 / 1 process; ${settledNote(two, one)}; ${checkNote(two)}; rows read ${two.inputRows?.toLocaleString('en-GB')} (replays after hand-over); peak RSS ${Math.round(two.peakRssMbPerProcess ?? 0)} MB/process`,
    });
  }
  log(`state memory: ${options.stateSkus.toLocaleString('en-GB')} SKUs`);
  const [memory] = await runBenchScript('state-memory.ts', ['--skus', String(options.stateSkus)], undefined, ['--expose-gc']).done;
  results.stateMemory = memory;
  if (memory)
    rows.push({
      section: 'memory',
      run: 'state per 100,000 SKUs',
      note: `${Number(memory.mbPer100kSkus).toFixed(0)} MB (${Number(memory.stateRows).toLocaleString('en-GB')} window rows, 12 per SKU)`,
    });
  await restart(options, rows, results);
}

async function restart(options: BenchOptions, rows: TableRow[], results: Record<string, unknown>) {
  const r = await runRestartBench(options.restartSkus, 3, log);
  results.restart = r;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const worst = r.runs.reduce((a, b) => (b.totalMs > a.totalMs ? b : a));
  rows.push({
    section: 'restart',
    run: `kill -9, ${r.skusInState.toLocaleString('en-GB')} SKUs`,
    note: `median ${s(r.medianMs)}, max ${s(r.maxMs)} (max: boot ${s(worst.bootMs)}, restore ${s(worst.restoreMs)}, first batch ${s(worst.firstBatchMs)}), ${r.stateRows.toLocaleString('en-GB')} state rows`,
  });
}

async function main(): Promise<void> {
  const options = benchOptions(process.argv.slice(2), process.env);
  const at = new Date().toISOString();
  const stamp = at.replaceAll(':', '-');
  const load = new LoadSampler(() => os.loadavg()[0] ?? 0);
  const rows: TableRow[] = [];
  const results: Record<string, unknown> = { at, machine: machine(), options };
  const own: OwnBenchResult[] = [];
  for (const project of options.own) {
    log(`own benchmark: ${project} (output in bench-results/own/)`);
    const result = await runOwnBench(project, options.quick ? QUICK_BENCH_ENV : {}, stamp);
    own.push(result);
    console.log(result.tail.map((l) => `  ${project} | ${l}`).join('\n'));
    rows.push({
      section: 'own',
      run: `${project}:bench`,
      note: `${result.ok ? 'ok' : `FAILED (exit ${result.exitCode})`} in ${result.seconds.toFixed(0)} s, ${result.log}`,
    });
  }
  results.own = own;
  let failure: unknown;
  if (options.onlyRestart) await restart(options, rows, results).catch((error: unknown) => (failure = error));
  else if (options.peers) await peers(options, rows, results).catch((error: unknown) => (failure = error));
  results.loadAverage = load.stop();
  results.table = rows;
  if (failure) results.error = failure instanceof Error ? (failure.stack ?? failure.message) : describeError(failure);
  const file = path.join(ROOT, 'bench-results', `bench-${stamp}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  const m = results.machine as ReturnType<typeof machine>;
  console.log(`\n${formatTable(rows)}\n`);
  console.log(`machine: ${m.cpus} x ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; load average during the run ${JSON.stringify(results.loadAverage)}`);
  console.log(`bench: figures written to ${path.relative(ROOT, file)}`);
  if (options.docs) console.log(`bench: ${path.relative(ROOT, writeBenchmarksDoc(file))} regenerated from them (--no-docs to keep it)`);
  if (failure) throw failure instanceof Error ? failure : new Error(describeError(failure));
  if (own.some((r) => !r.ok)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  const e = error as Error & { code?: string };
  console.error(`bench: ${e.code ? `[${e.code}] ` : ''}${e.stack ?? e.message}`);
  process.exitCode = 1;
});
