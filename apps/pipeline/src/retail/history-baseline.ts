// The baseline from sales_history: every event the pipeline took in (backfilled history and live sales),
// so the nightly recompute learns from what the stream saw.
import { baselineRange, type BaselineRange, salesBaseline, typedSalesEvents } from '@shelfstream/domain';
import { count, type DataFrame, type Engine, max, min } from '@shelfstream/engine';
import { readPostgres } from '@shelfstream/postgres-connector';
import type { Pool } from 'pg';

const DAY_MS = 86_400_000;

const HISTORY_SQL = `SELECT event_id, type, sku, store, quantity, unit_price::float8 AS unit_price, currency, event_time
  FROM sales_history WHERE event_time < $1`;

/** The recorded events before `beforeMs` as typed sales events. */
export async function recordedSalesEvents(engine: Engine, pool: Pool, beforeMs = 8.64e15): Promise<DataFrame> {
  return typedSalesEvents(engine.read.arrow(await readPostgres({ connection: pool, query: HISTORY_SQL, params: [new Date(beforeMs)] })));
}

/**
 * sales_baseline rows over the last `days` whole UTC days of sales_history: the days before `asOfMs` (the
 * nightly job's run time; its own, unfinished day is left out), or up to the newest recorded event.
 */
export async function historyBaseline(engine: Engine, pool: Pool, days: number, asOfMs?: number): Promise<{ rows: DataFrame; range: BaselineRange } | null> {
  const before = asOfMs === undefined ? undefined : Math.floor(asOfMs / DAY_MS) * DAY_MS;
  const events = await recordedSalesEvents(engine, pool, before);
  const [bounds] = await events.groupBy().agg(count().as('n'), min('event_time').as('first'), max('event_time').as('last')).collect();
  if (!bounds || Number(bounds['n']) === 0) return null;
  const range = baselineRange(Number(bounds['first']), before === undefined ? Number(bounds['last']) : before - 1, days);
  return { rows: salesBaseline(events, range), range };
}
