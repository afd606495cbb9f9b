// What `npm run bench` runs: flags win over environment variables.
//   --quick | BENCH_QUICK=1          small inputs, 1 repeat, own benches: engine only (1M events)
//   --no-spark | BENCH_SPARK=0       leave Spark out (batch and streaming)
//   --own LIST | BENCH_OWN=LIST      own benches to run: comma list of engine,pipeline,api,pricing-bot, or none
//   --no-peers | BENCH_PEERS=0       only our own benches
//   --no-docs | BENCH_DOCS=0         do not regenerate docs/benchmarks.md from this run's JSON
//   --events N | BENCH_EVENTS=N      batch Parquet events (1,000,000; quick 200,000)
//   --stream-events N                streaming backlog events (1,000,000; quick 50,000)
//   --only restart                   run only the kill -9 restart section (no own benches, no peers)
//   --restart-skus N                 SKUs in state for the restart section (100,000)
//   --rate N --rate-events N         latency runs' feed (2,000/s for 60,000 events; quick 10,000)
import { BenchError, flagMap, positiveInt } from './flags';
import { OWN_BENCH_PROJECTS, type OwnBenchProject } from './own-benches';

export interface BenchOptions {
  readonly quick: boolean;
  readonly spark: boolean;
  readonly peers: boolean;
  readonly docs: boolean;
  readonly own: readonly OwnBenchProject[];
  readonly batchEvents: number;
  readonly skus: number;
  readonly repeats: number;
  readonly streamEvents: number;
  readonly rate: number;
  readonly rateEvents: number;
  readonly stateSkus: number;
  /** Only the restart section. */
  readonly onlyRestart: boolean;
  readonly restartSkus: number;
}

const off = (value: string | undefined) => value !== undefined && ['0', 'false', 'no', 'off'].includes(value.toLowerCase());
const on = (value: string | undefined) => value !== undefined && !off(value) && value !== '';

export function benchOptions(args: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  const flags = flagMap(args);
  const known = new Set(['quick', 'no-spark', 'own', 'no-peers', 'no-docs', 'events', 'stream-events', 'rate', 'rate-events', 'only', 'restart-skus']);
  for (const name of flags.keys()) if (!known.has(name)) throw new BenchError('BENCH_BAD_OPTIONS', `unknown flag --${name} (known: ${[...known].join(', ')})`);
  const only = flags.get('only');
  if (only !== undefined && only !== 'restart') throw new BenchError('BENCH_BAD_OPTIONS', `--only: unknown section "${only}" (restart)`);
  const quick = flags.has('quick') || on(env.BENCH_QUICK);
  const ownText = flags.get('own') ?? env.BENCH_OWN ?? (quick ? 'engine' : OWN_BENCH_PROJECTS.join(','));
  const own = ownText === 'none' || only ? [] : ownText.split(',').map((p) => p.trim());
  for (const p of own)
    if (!(OWN_BENCH_PROJECTS as readonly string[]).includes(p))
      throw new BenchError('BENCH_BAD_OPTIONS', `--own: unknown project "${p}" (${OWN_BENCH_PROJECTS.join(', ')} or none)`);
  return {
    quick,
    spark: !flags.has('no-spark') && !off(env.BENCH_SPARK),
    peers: !flags.has('no-peers') && !off(env.BENCH_PEERS),
    docs: !flags.has('no-docs') && !off(env.BENCH_DOCS),
    own: own as OwnBenchProject[],
    batchEvents: positiveInt(flags.get('events') ?? env.BENCH_EVENTS, quick ? 200_000 : 1_000_000, 'events'),
    skus: 1000,
    repeats: quick ? 1 : 3,
    streamEvents: positiveInt(flags.get('stream-events'), quick ? 50_000 : 1_000_000, 'stream-events'),
    rate: positiveInt(flags.get('rate'), 2000, 'rate'),
    rateEvents: positiveInt(flags.get('rate-events'), quick ? 10_000 : 60_000, 'rate-events'),
    stateSkus: 100_000,
    onlyRestart: only === 'restart',
    restartSkus: positiveInt(flags.get('restart-skus'), 100_000, 'restart-skus'),
  };
}
