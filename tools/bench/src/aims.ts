// The performance aims of issue #15, each judged from one bench JSON: met, the measured gap, or why
// this run did not measure it. The docs generator prints them; nothing here is typed in by hand.
import { type ApiFigures, type BenchResults, ownFigure, ownRan, type PipelineFigures, streamFigure } from './bench-results';

export type AimStatus = 'met' | 'gap' | 'not measured';

export interface AimVerdict {
  readonly aim: string;
  readonly target: string;
  readonly measured: string;
  readonly status: AimStatus;
  /** For a gap: how far off (e.g. "0.42x of the aim"); for not measured: why. */
  readonly detail: string;
}

const n = (v: number) => Math.round(v).toLocaleString('en-GB');
const x = (v: number) => `${v.toFixed(2)}x`;

function verdict(aim: string, target: string, measured: string, ok: boolean, gap: string): AimVerdict {
  return { aim, target, measured, status: ok ? 'met' : 'gap', detail: ok ? '' : gap };
}

function missing(aim: string, target: string, why: string): AimVerdict {
  return { aim, target, measured: '', status: 'not measured', detail: why };
}

const PIPELINE_OFF = 'the pipeline bench did not run (`--own` without pipeline, or --quick)';

function pipelineThroughput(results: BenchResults): AimVerdict {
  const aim = 'Full retail pipeline (inventory + 1 h + 24 h velocity), Kafka → Postgres exactly once';
  const target = '≥ 100,000 events/s sustained for 60 s';
  const capacity = ownFigure<PipelineFigures>(results, 'pipeline', 'capacity')?.capacity;
  if (!capacity) return missing(aim, target, ownRan(results, 'pipeline') ? 'the pipeline bench printed no figures (see its log)' : PIPELINE_OFF);
  const measured = `${n(capacity.eventsPerSecond)} events/s draining ${n(capacity.backlog)} events in ${capacity.seconds} s`;
  const ok = capacity.eventsPerSecond >= 100_000 && capacity.seconds >= 60;
  const why =
    capacity.eventsPerSecond >= 100_000
      ? `rate met, but the drain lasted ${capacity.seconds} s < 60 s (raise --backlog)`
      : [`${x(capacity.eventsPerSecond / 100_000)} of the aim`, cpuBound(capacity.cpuUsPerEvent), busiestOwners(results)].filter(Boolean).join('; ');
  return verdict(aim, target, measured, ok, why);
}

/** What one core can do at the measured CPU cost per event. */
function cpuBound(cpuUsPerEvent: number | undefined): string {
  return cpuUsPerEvent ? `${cpuUsPerEvent} CPU-µs per event in the stream process, so one core's bound is ${n(1e6 / cpuUsPerEvent)} events/s` : '';
}

/** The profile's three biggest owners of self time (section "Where the time goes"). */
function busiestOwners(results: BenchResults): string {
  const owners = ownFigure<PipelineFigures>(results, 'pipeline', 'profile')?.profile?.owners ?? [];
  if (owners.length === 0) return '';
  return `profile: ${owners
    .slice(0, 3)
    .map((o) => `${o.name} ${o.percent}%`)
    .join(', ')}`;
}

/** The slowest query's mean batch and its phases, largest first. */
function slowestBatch(msPerBatch: NonNullable<PipelineFigures['latency']>['msPerBatch']): string {
  if (!msPerBatch) return '';
  const queries = Object.entries(msPerBatch).filter(([, phases]) => typeof phases.triggerExecution === 'number');
  if (queries.length === 0) return '';
  const [name, phases] = queries.reduce((a, b) => ((b[1].triggerExecution ?? 0) > (a[1].triggerExecution ?? 0) ? b : a));
  const parts = Object.entries(phases)
    .filter(([phase]) => phase !== 'triggerExecution')
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([phase, ms]) => `${phase} ${n(ms)}`);
  const sharing = queries.length > 1 ? `, and ${queries.length} queries share the process` : '';
  return `a ${name} batch takes ${n(phases.triggerExecution ?? 0)} ms on average (${parts.join(', ')} ms)${sharing}`;
}

function versusSpark(results: BenchResults): AimVerdict {
  const aim = 'Streaming backlog, same topic and query as Spark';
  const target = '≥ 3x Spark';
  const ours = streamFigure(results, 'oursBacklog');
  const spark = streamFigure(results, 'sparkBacklog');
  if (!ours || !spark)
    return missing(aim, target, results.spark && results.spark !== 'ran' ? `Spark ${results.spark}` : 'no streaming peer run in this invocation');
  const r = ours.eventsPerSecond / spark.eventsPerSecond;
  return verdict(
    aim,
    target,
    `${n(ours.eventsPerSecond)} vs ${n(spark.eventsPerSecond)} events/s = ${x(r)} (sliding 1 h/5 min query)`,
    r >= 3,
    `${x(r / 3)} of the aim`,
  );
}

function endToEndLatency(results: BenchResults): AimVerdict {
  const aim = 'End-to-end latency, Kafka append → committed `live_inventory`';
  const target = 'p99 ≤ 100 ms at 10,000 events/s, synchronous commit';
  const figures = ownFigure<PipelineFigures>(results, 'pipeline', 'latency');
  const latency = figures?.latency;
  if (!latency) return missing(aim, target, ownRan(results, 'pipeline') ? 'the pipeline bench printed no figures (see its log)' : PIPELINE_OFF);
  const sync = figures.config?.synchronousCommit ?? true;
  const measured = `p50 ${n(latency.p50)} ms, p99 ${n(latency.p99)} ms at ${n(latency.producedRate)} events/s (${sync ? 'synchronous' : 'asynchronous'} commit)`;
  const ok = latency.p99 <= 100 && latency.producedRate >= 9_500 && sync;
  const behind =
    latency.p50LastThird > 1.5 * latency.p50FirstThird
      ? `p50 grew from ${n(latency.p50FirstThird)} to ${n(latency.p50LastThird)} ms over the run (falling behind)`
      : '';
  const why =
    latency.p99 > 100
      ? [`p99 ${x(latency.p99 / 100)} the aim`, slowestBatch(latency.msPerBatch), behind].filter(Boolean).join('; ')
      : `measured at ${n(latency.producedRate)}/s${sync ? '' : ' with asynchronous commit'}, not the aim's conditions`;
  return verdict(aim, target, measured, ok, why);
}

function batchVersusDuckDb(results: BenchResults): AimVerdict {
  const aim = 'Batch sliding 1 h/5 min over Parquet';
  const target = '≥ 0.5x DuckDB with 1 thread';
  const runs = results.batch?.runs ?? [];
  const ours = runs.find((r) => r.peer === 'shelfstream');
  const duck = runs.find((r) => r.peer.toLowerCase().startsWith('duckdb') && r.threads === 1);
  if (!ours || !duck) return missing(aim, target, 'no batch peer run in this invocation (--no-peers)');
  const r = ours.eventsPerSecond / duck.eventsPerSecond;
  return verdict(
    aim,
    target,
    `${n(ours.eventsPerSecond)} vs ${n(duck.eventsPerSecond)} events/s = ${x(r)}${duck.sameAsOurs === false ? ' (RESULT DIFFERS)' : ''}`,
    r >= 0.5,
    `${x(r / 0.5)} of the aim`,
  );
}

function restart(results: BenchResults): AimVerdict {
  const aim = 'Restart to first committed batch after kill -9, 100,000 SKUs of state';
  const target = '< 2 s';
  const r = results.restart;
  if (!r || r.runs.length === 0) return missing(aim, target, 'the restart section did not run (`npm run bench -- --only restart`, or the full run with peers)');
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const worst = r.runs.reduce((a, b) => (b.totalMs > a.totalMs ? b : a));
  const split = `boot ${s(worst.bootMs)}, restore ${s(worst.restoreMs)}, first batch ${s(worst.firstBatchMs)}`;
  const measured = `median ${s(r.medianMs)}, max ${s(r.maxMs)} over ${r.runs.length} restarts, ${n(r.skusInState)} SKUs (${n(r.stateRows)} state rows); slowest: ${split}`;
  const ok = r.maxMs < 2000 && r.skusInState >= 100_000;
  const profile = r.restoreProfile?.functions
    .slice(0, 3)
    .map((f) => `${f.name} ${f.percent}%`)
    .join(', ');
  const why =
    r.skusInState < 100_000
      ? `measured with ${n(r.skusInState)} SKUs only (--restart-skus)`
      : [`max ${x(r.maxMs / 2000)} the aim (${split})`, profile ? `restore profile (last restart): ${profile}` : ''].filter(Boolean).join('; ');
  return verdict(aim, target, measured, ok, why);
}

function apiLookup(results: BenchResults): AimVerdict {
  const aim = 'API `GET /api/v1/inventory/:sku`, uncached';
  const target = '≥ 5,000 req/s with p99 ≤ 20 ms';
  const lookup = ownFigure<ApiFigures>(results, 'api', 'lookupUncached')?.lookupUncached;
  if (!lookup)
    return missing(
      aim,
      target,
      ownRan(results, 'api') ? 'the API bench printed no JSON figures (see its log)' : 'the API bench did not run (`--own` without api, or --quick)',
    );
  const ok = lookup.requestsPerSecond >= 5_000 && lookup.latencyMs.p99 <= 20;
  const why = [
    lookup.requestsPerSecond < 5_000 ? `${x(lookup.requestsPerSecond / 5_000)} of the rate` : '',
    lookup.latencyMs.p99 > 20 ? `p99 ${x(lookup.latencyMs.p99 / 20)} the aim` : '',
    lookup.serverCpuPerRequestUs
      ? `${n(lookup.serverCpuPerRequestUs)} µs of API CPU per request, so one core serves at most ${n(1e6 / lookup.serverCpuPerRequestUs)} req/s`
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  return verdict(aim, target, `${n(lookup.requestsPerSecond)} req/s, p50 ${lookup.latencyMs.p50} ms, p99 ${lookup.latencyMs.p99} ms`, ok, why);
}

export function judgeAims(results: BenchResults): AimVerdict[] {
  return [pipelineThroughput(results), versusSpark(results), endToEndLatency(results), batchVersusDuckDb(results), restart(results), apiLookup(results)];
}
