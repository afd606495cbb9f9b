// `backfill`: the streaming queries run in batch over history and merged into the same tables.
// Upserts by key make it idempotent: the same history twice gives the same tables.
import { baselineRange, BASELINE_DAYS, liveInventory, salesBaseline, salesVelocity, VELOCITY_WINDOWS } from '@shelfstream/domain';
import { type BatchContext, count, createEngine, type DataFrame, max, min } from '@shelfstream/engine';
import { ENGINE_SCHEMA, ensureEngineTables, type PostgresSink, resilientPool } from '@shelfstream/engine/postgres';
import { Command, Option } from 'commander';
import type { Pool } from 'pg';
import { positiveInteger } from '../cli/parse-options';
import { progressBar } from '../cli/progress';
import { readPipelineEnv } from '../config/pipeline-env';
import { historyEvents } from '../retail/history-frame';
import { productDimension } from '../retail/retail-dimension';
import { liveInventorySink, salesBaselineSink, salesVelocitySink } from '../retail/retail-sinks';

export interface BackfillOptions {
  from: string;
  format?: string;
  baselineDays: number;
  /** false: keep sales_baseline as it is (the inventory then uses the stored baseline). */
  baseline?: boolean;
  /** Only these outputs (default all): baseline, velocity-1h, velocity-24h, inventory. */
  only?: string[];
}

export const BACKFILL_OUTPUTS = ['baseline', 'velocity-1h', 'velocity-24h', 'inventory'] as const;

export interface BackfillSummary {
  events: number;
  firstEventAt: string | null;
  lastEventAt: string | null;
  baselineRows: number;
  velocityRows: Record<string, number>;
  inventoryRows: number;
}

async function writeOnce(pool: Pool, sink: PostgresSink, queryName: string, df: DataFrame): Promise<number> {
  const table = await df.toArrow();
  const { rows } = await pool.query<{ next: string }>(
    `SELECT coalesce(max(batch_id) + 1, 0)::text AS next FROM ${ENGINE_SCHEMA}.sink_commits WHERE query_name = $1`,
    [queryName],
  );
  const context: BatchContext = { queryName, batchId: Number(rows[0].next), outputMode: 'update', endOffsets: {}, watermarkMs: 0, batchTimestampMs: Date.now() };
  await sink.write(table, context);
  return table.numRows;
}

export async function runBackfill(options: BackfillOptions, databaseUrl: string): Promise<BackfillSummary> {
  const pool = resilientPool({ connectionString: databaseUrl, max: 4, application_name: 'shelfstream-backfill' });
  const engine = createEngine();
  const bar = progressBar('backfill', 3 + VELOCITY_WINDOWS.length, 'steps');
  try {
    await ensureEngineTables(pool);
    const events = await historyEvents(engine, options.from, options.format);
    const [bounds] = await events.groupBy().agg(count().as('n'), min('event_time').as('first'), max('event_time').as('last')).collect();
    bar.increment();
    const summary: BackfillSummary = { events: Number(bounds?.['n'] ?? 0), firstEventAt: null, lastEventAt: null, baselineRows: 0, velocityRows: {}, inventoryRows: 0 };
    const lastMs = bounds?.['last'] as number | null | undefined;
    if (summary.events === 0 || lastMs === null || lastMs === undefined) return summary;
    summary.firstEventAt = new Date(bounds?.['first'] as number).toISOString();
    summary.lastEventAt = new Date(lastMs).toISOString();

    const wanted = (output: (typeof BACKFILL_OUTPUTS)[number]) => !options.only || options.only.includes(output);
    if (options.baseline !== false && wanted('baseline')) summary.baselineRows = await writeOnce(pool, salesBaselineSink(pool), 'backfill:sales_baseline', salesBaseline(events, baselineRange(bounds?.['first'] as number, lastMs, options.baselineDays)));
    bar.increment();
    for (const spec of VELOCITY_WINDOWS) {
      if (!wanted(`velocity-${spec.kind}` as (typeof BACKFILL_OUTPUTS)[number])) continue;
      summary.velocityRows[spec.kind] = await writeOnce(pool, salesVelocitySink(pool), `backfill:sales_velocity_${spec.kind}`, salesVelocity(events, spec));
      bar.increment();
    }
    // The dimension is read after the baseline is written, without live rows: history starts from initial stock.
    if (wanted('inventory')) {
      const dimension = await productDimension(engine, pool, false);
      // windowed figures as of the end of the history (a SKU that stopped selling before it shows no velocity)
      summary.inventoryRows = await writeOnce(pool, liveInventorySink(pool), 'backfill:live_inventory', liveInventory(events, dimension, { asOfMs: lastMs }));
    }
    bar.increment();
    return summary;
  } finally {
    bar.stop();
    await pool.end();
  }
}

export function backfillCommand(): Command {
  return new Command('backfill')
    .description('run the retail queries in batch over history and merge them into the result tables (idempotent)')
    .requiredOption('--from <path>', 'history file or folder (Parquet or NDJSON, e.g. from `load`)')
    .option('--format <format>', 'parquet or ndjson (default: by extension)')
    .option('--baseline-days <n>', 'days of history for the baseline', positiveInteger, BASELINE_DAYS)
    .option('--no-baseline', 'keep sales_baseline as it is')
    .addOption(new Option('--only <outputs...>', 'only these outputs').choices([...BACKFILL_OUTPUTS]))
    .action(async (options: BackfillOptions) => {
      const summary = await runBackfill(options, readPipelineEnv().databaseUrl);
      console.log(JSON.stringify(summary));
    });
}
