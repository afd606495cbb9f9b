// Batch comparison: the sliding-window aggregation over the same Parquet file by our engine
// (engine-batch.ts), DuckDB with 1 thread and all threads, and Spark batch (both through
// `node scripts/peers.mjs`), each in its own process, best of `repeats`; results must agree.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, runBenchScript, runJsonChild, runPeersCommand } from './child';
import { type ResultSummary, sameResult } from './sliding-query';

export interface BatchFigures extends ResultSummary {
  readonly peer: string;
  readonly threads?: number;
  readonly events: number;
  readonly elapsedMs: number;
  readonly eventsPerSecond: number;
  /** Same windows, orders, units and revenue as our engine. */
  readonly sameAsOurs?: boolean;
}

/** The synthetic sales history of tools/peers (written once per size into bench-results/peers). */
export async function syntheticParquet(events: number, skus: number): Promise<string> {
  const file = path.join(ROOT, 'bench-results', 'peers', `synthetic-sales-${events}-${skus}.parquet`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const cli = path.join(ROOT, 'tools', 'peers', 'src', 'cli.ts');
  await runJsonChild(
    process.execPath,
    ['-r', '@swc-node/register', cli, 'synth', '--out', file, '--events', String(events), '--skus', String(skus)],
    undefined,
    {
      SWC_NODE_PROJECT: path.join(ROOT, 'tools', 'peers', 'tsconfig.json'),
    },
  ).done;
  return file;
}

function best(runs: readonly Record<string, unknown>[]): BatchFigures {
  const figures = runs.filter((r) => typeof r.eventsPerSecond === 'number') as unknown as BatchFigures[];
  return figures.reduce((a, b) => (b.eventsPerSecond > a.eventsPerSecond ? b : a));
}

export interface BatchPeerOptions {
  readonly parquet: string;
  readonly repeats: number;
  /** undefined: run Spark; a string: the reason it is skipped. */
  readonly sparkSkipped?: string;
  readonly log: (message: string) => void;
}

export async function runBatchPeers(options: BatchPeerOptions): Promise<{ runs: BatchFigures[]; sparkError?: string }> {
  const { parquet, log } = options;
  const repeats = String(options.repeats);
  log('batch: our engine');
  const ours = best(await runBenchScript('engine-batch.ts', ['--parquet', parquet, '--repeats', repeats]).done);
  const runs: BatchFigures[] = [ours];
  for (const threads of ['1', 'all']) {
    log(`batch: DuckDB, ${threads} thread(s)`);
    runs.push(best(await runPeersCommand(['duckdb', '--parquet', parquet, '--threads', threads, '--repeats', repeats])));
  }
  let sparkError: string | undefined;
  if (options.sparkSkipped === undefined) {
    log('batch: Spark');
    try {
      runs.push(best(await runPeersCommand(['spark-batch', '--parquet', parquet, '--repeats', repeats])));
    } catch (error) {
      sparkError = (error as Error).message;
      log(`batch: Spark failed, left out: ${sparkError}`);
    }
  }
  return { runs: runs.map((r) => ({ ...r, sameAsOurs: sameResult(r, ours) })), sparkError };
}
