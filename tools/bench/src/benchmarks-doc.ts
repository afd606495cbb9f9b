// docs/benchmarks.md from one bench JSON: the run (when, options, machine, load), the aims of issue #15
// met or the gap, the side-by-side table, the own benches, the profile, the scale-out note. Every figure
// comes from the JSON; the fixed text is in doc-prose.ts.
import { judgeAims } from './aims';
import { type BenchResults, ownFigure, type PipelineFigures } from './bench-results';
import { HOW_TO_RUN, READING, ROW_MEANINGS, THE_QUERY } from './doc-prose';
import { isLogRecord } from './own-benches';
import { ratio } from './report';
import { scaleOutSection } from './scale-out';

const n = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '' : Math.round(v).toLocaleString('en-GB'));
/** Table cells: a pipe would end the cell. */
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const row = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;

function runSection(results: BenchResults, source: string): string[] {
  const { machine: m, options: o, loadAverage: load } = results;
  const mode = o.quick ? 'quick (`--quick`: small inputs, 1 repeat)' : 'full';
  return [
    `- **When**: ${results.at} (UTC), JSON \`${source}\`.`,
    `- **Mode**: ${mode}; own benches: ${o.own.length ? o.own.join(', ') : 'none'}; peers: ${o.peers ? 'yes' : 'no'}; Spark: ${results.spark ?? (o.spark ? 'ran' : 'left out')}.`,
    `- **Inputs**: batch ${n(o.batchEvents)} events over ${n(o.skus)} SKUs; stream backlog ${n(o.streamEvents)} events; rate runs ${n(o.rate)}/s for ${n(o.rateEvents)} events.`,
    `- **Machine**: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; Postgres and the Kafka broker on the same machine.`,
    load
      ? `- **Load average (1 min) during the run**: mean ${load.mean}, min ${load.min}, max ${load.max} (${load.samples} samples; the machine is shared).`
      : '- **Load average**: not recorded.',
    ...(results.error ? ['', `**The run failed**: \`${cell(results.error.split('\n')[0] ?? '')}\` (figures below are what it measured before).`] : []),
  ];
}

function aimsSection(results: BenchResults): string[] {
  const status = { met: '**met**', gap: '**gap**', 'not measured': 'not measured' } as const;
  return [
    '| aim | target | measured | status | gap / why |',
    '| --- | --- | --- | --- | --- |',
    ...judgeAims(results).map((a) => row([a.aim, a.target, a.measured, status[a.status], a.detail])),
  ];
}

function sideBySide(results: BenchResults): string[] {
  const table = results.table ?? [];
  if (table.length === 0) return ['No rows in this run.'];
  return [
    '| section | run | events | events/s | p50 ms | p99 ms | ours/peer ev/s | ours/peer p50 | check / note |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...table.map((r) =>
      row([
        r.section,
        r.run,
        n(r.events),
        n(r.eventsPerSecond),
        n(r.latencyMsP50),
        n(r.latencyMsP99),
        ratio(r.throughputRatio),
        ratio(r.latencyRatio),
        r.note ?? '',
      ]),
    ),
  ];
}

/** The figures an own bench printed as JSON lines, flattened to `key: value` text. */
function headline(figure: unknown, depth = 0): string {
  if (typeof figure === 'number') return Number.isInteger(figure) ? n(figure) : String(Math.round(figure * 100) / 100);
  if (typeof figure !== 'object' || figure === null) return String(figure);
  if (depth >= 2) return JSON.stringify(figure);
  return Object.entries(figure)
    .filter(([key]) => !['profile', 'phasesMs', 'msPerBatch', 'functions', 'owners', 'machine'].includes(key))
    .map(([key, value]) => (typeof value === 'object' && value !== null ? `${key} (${headline(value, depth + 1)})` : `${key} ${headline(value, depth + 1)}`))
    .join(', ');
}

function ownSection(results: BenchResults): string[] {
  const own = results.own ?? [];
  if (own.length === 0) return ['No own benchmark in this run.'];
  const lines = ['| project | result | time | figures (JSON lines it printed) |', '| --- | --- | ---: | --- |'];
  for (const o of own) {
    const figures = o.figures.filter((f) => !isLogRecord(f as Record<string, unknown>));
    const text = o.ok && figures.length ? figures.map((f) => headline(f)).join('; ') : `see \`${o.log}\``;
    lines.push(row([o.project, o.ok ? 'ok' : 'FAILED', `${Math.round(o.seconds)} s`, text]));
  }
  return lines;
}

function profileSection(results: BenchResults): string[] {
  const pipeline = ownFigure<PipelineFigures>(results, 'pipeline', 'profile');
  const profile = pipeline?.profile;
  if (!profile) return ['No profile in this run (the pipeline bench records one; it did not run, or ran with `--profile-backlog 0`).'];
  const { capacity, latency, config } = pipeline;
  const cpuLines = [
    capacity?.cpuUsPerEvent !== undefined
      ? `backlog drain ${capacity.cpuUsPerEvent} CPU-µs/event (${n(capacity.eventsPerSecond)} events/s, so the process used ${((capacity.eventsPerSecond * capacity.cpuUsPerEvent) / 1e6).toFixed(2)} cores: the rest of the wall time it waited on Postgres and Kafka)`
      : '',
    latency?.cpuUsPerEvent !== undefined
      ? `fed at ${n(latency.producedRate)}/s ${latency.cpuUsPerEvent} CPU-µs/event (smaller batches cost more per event)`
      : '',
  ].filter(Boolean);
  return [
    `CPU profile of the stream process draining a ${n(config?.profileBacklog)}-event backlog through the full retail pipeline (the pipeline bench, \`node:inspector\` sampling every 1 ms; ${n(profile.sampledMs)} ms of non-idle samples). Samples are taken in wall time, so on a loaded machine they include time the thread was runnable but not running: read the shares, not the milliseconds, as where the work is. CPU per event of the stream process (\`process.cpuUsage\`, the load-independent figure): ${cpuLines.join('; ') || 'not recorded'}.`,
    '',
    'Self time by owner:',
    '',
    '| owner | ms | share |',
    '| --- | ---: | ---: |',
    ...profile.owners.map((o) => row([o.name, n(o.ms), `${o.percent}%`])),
    '',
    'Busiest functions (self time):',
    '',
    '| function | ms | share |',
    '| --- | ---: | ---: |',
    ...profile.functions.map((f) => row([`\`${f.name}\``, n(f.ms), `${f.percent}%`])),
  ];
}

export function benchmarksDoc(results: BenchResults, source: string): string {
  const sections: [string, string[]][] = [
    ['The run these figures come from', runSection(results, source)],
    ['Aims (issue #15)', aimsSection(results)],
    ['Side by side', sideBySide(results)],
    ['Own benchmarks', ownSection(results)],
    ['Where the time goes', profileSection(results)],
    ['Scale-out', scaleOutSection(results)],
    ['The query (the same for every system)', [THE_QUERY]],
    ['What each row means', [ROW_MEANINGS]],
    ['Reading them', [READING]],
  ];
  return [
    '# Benchmarks: our engine beside Spark and DuckDB (`npm run bench`)',
    '',
    '<!-- Generated by `npm run bench:docs` (tools/bench/src/bench-docs.ts) from a bench JSON: do not edit by hand. -->',
    '',
    HOW_TO_RUN,
    '',
    ...sections.flatMap(([title, lines]) => [`## ${title}`, '', ...lines, '']),
  ].join('\n');
}
