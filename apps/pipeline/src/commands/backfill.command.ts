// `backfill`: the streaming queries run in batch over history and merged into the same tables.
// Upserts by key make it idempotent: the same history twice gives the same tables.
import { BASELINE_DAYS, liveInventory, salesHistory, salesVelocity, VELOCITY_WINDOWS } from '@shelfstream/domain';
import { type BatchContext, count, createEngine, type DataFrame, max, min } from '@shelfstream/engine';
import { ENGINE_SCHEMA, ensureEngineTables, type PostgresSink, resilientPool } from '@shelfstream/postgres-connector';
import { Command, Option } from 'commander';
import type { Pool } from 'pg';
import { isoTime, positiveInteger } from '../cli/parse-options';
import { progressBar, type ProgressOptions } from '../cli/progress';
import { loadPipelineConfig } from '../config/pipeline-config';
import { historyEvents } from '../retail/history-frame';
import { productDimension } from '../retail/retail-dimension';
import { historyBaseline } from '../retail/history-baseline';
import { liveInventorySink, salesBaselineSink, salesHistorySink, salesVelocitySink } from '../retail/retail-sinks';

export interface BackfillOptions {
  from: string;
  format?: string;
  baselineDays: number;
  /** false: keep sales_baseline as it is (the inventory then uses the stored baseline). */
  baseline?: boolean;
  /** Only these outputs (default all): history, baseline, velocity-1h, velocity-24h, inventory. */
  only?: BackfillOutput[];
  /** Baseline over the whole days before this time (the nightly job's run time); default: up to the newest event. */
  asOf?: number;
}

/** The baseline reads sales_history, so it implies history (the files' events are merged in first). */
export const BACKFILL_OUTPUTS = ['history', 'baseline', 'velocity-1h', 'velocity-24h', 'inventory'] as const;
type BackfillOutput = (typeof BACKFILL_OUTPUTS)[number];

export interface BackfillSummary {
  events: number;
  firstEventAt: string | null;
  lastEventAt: string | null;
  historyRows: number;
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
  const context: BatchContext = {
    queryName,
    batchId: Number(rows[0].next),
    outputMode: 'update',
    endOffsets: {},
    watermarkMs: 0,
    batchTimestampMs: Date.now(),
  };
  await sink.write(table, context);
  return table.numRows;
}

export async function runBackfill(options: BackfillOptions, databaseUrl: string, progress: ProgressOptions = {}): Promise<BackfillSummary> {
  const pool = resilientPool({ connectionString: databaseUrl, max: 4, application_name: 'shelfstream-backfill' });
  const engine = createEngine();
  const wanted = (output: BackfillOutput) => !options.only || options.only.includes(output);
  const writesBaseline = options.baseline !== false && wanted('baseline');
  const writesHistory = writesBaseline || wanted('history');
  const velocityWindows = VELOCITY_WINDOWS.filter((spec) => wanted(`velocity-${spec.kind}` as BackfillOutput));
  const writesInventory = wanted('inventory');
  // Progress counts history rows as the queries read them; the total is known after the first pass.
  const bar = progressBar('backfill', 0, 'history rows read', progress);
  try {
    await ensureEngineTables(pool);
    let rowsRead = 0;
    const events = await historyEvents(engine, options.from, options.format, (rows) => {
      rowsRead += rows;
      bar.increment(rows);
    });
    const [bounds] = await events.groupBy().agg(count().as('n'), min('event_time').as('first'), max('event_time').as('last')).collect();
    const summary: BackfillSummary = {
      events: Number(bounds?.['n'] ?? 0),
      firstEventAt: null,
      lastEventAt: null,
      historyRows: 0,
      baselineRows: 0,
      velocityRows: {},
      inventoryRows: 0,
    };
    const lastMs = bounds?.['last'] as number | null | undefined;
    if (summary.events === 0 || lastMs === null || lastMs === undefined) return summary;
    summary.firstEventAt = new Date(bounds?.['first'] as number).toISOString();
    summary.lastEventAt = new Date(lastMs).toISOString();
    // Every output reads the history once more.
    bar.setTotal(rowsRead * (1 + Number(writesHistory) + velocityWindows.length + Number(writesInventory)));

    if (writesHistory) summary.historyRows = await writeOnce(pool, salesHistorySink(pool), 'backfill:sales_history', salesHistory(events));
    // the baseline learns from every recorded event: these files and what the stream took in live
    const baseline = writesBaseline ? await historyBaseline(engine, pool, options.baselineDays, options.asOf) : null;
    if (baseline) summary.baselineRows = await writeOnce(pool, salesBaselineSink(pool), 'backfill:sales_baseline', baseline.rows);
    for (const spec of velocityWindows) {
      summary.velocityRows[spec.kind] = await writeOnce(pool, salesVelocitySink(pool), `backfill:sales_velocity_${spec.kind}`, salesVelocity(events, spec));
    }
    // The dimension is read after the baseline is written, without live rows: history starts from initial stock.
    if (writesInventory) {
      const dimension = await productDimension(engine, pool, false);
      // windowed figures as of the end of the history (a SKU that stopped selling before it shows no velocity)
      summary.inventoryRows = await writeOnce(pool, liveInventorySink(pool), 'backfill:live_inventory', liveInventory(events, dimension, { asOfMs: lastMs }));
    }
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
    .option(
      '--as-of <time>',
      'baseline over the whole days before this ISO time (default: $BASELINE_AS_OF, set by the bot nightly job, else up to the newest event)',
      isoTime,
    )
    .addOption(new Option('--only <outputs...>', 'only these outputs').choices([...BACKFILL_OUTPUTS]))
    .action(async (options: BackfillOptions) => {
      const env = loadPipelineConfig();
      const summary = await runBackfill(
        { ...options, asOf: options.asOf ?? (env.BASELINE_AS_OF ? Date.parse(env.BASELINE_AS_OF) : undefined) },
        env.DATABASE_URL,
      );
      console.log(JSON.stringify(summary));
    });
}
