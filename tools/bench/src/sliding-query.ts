// The benchmark query, written once for our engine's batch and streaming runs: per SKU, 1-hour windows
// sliding every 5 minutes (epoch-aligned, as Spark's window()), orders = count, units = sum(quantity),
// revenue = sum(quantity * unit_price). Same query as the DuckDB SQL and the Spark peer (tools/peers,
// tools/spark).
import { col, type Column, count, type DataFrame, max, sum, toArrowSchema, window } from '@shelfstream/engine';
import { SALES_EVENTS_SCHEMA } from '@shelfstream/domain';

export const WINDOW = '1 hour';
export const SLIDE = '5 minutes';
/** Every event falls in WINDOW / SLIDE windows. */
export const WINDOWS_PER_EVENT = 12;
export const WATERMARK = '10 minutes';

/** Where the streaming runs upsert their windows (a throw-away database per run). */
export const VELOCITY_TABLE = 'bench_sales_velocity';
export const VELOCITY_DDL = `create table if not exists ${VELOCITY_TABLE} (sku text, window_start timestamptz, window_end timestamptz,
  orders bigint, units bigint, revenue double precision, newest timestamptz, batch_id bigint, primary key (sku, window_start))`;

/** The contract's sales event (JSON value on the sales topic), as the domain defines it. */
export const SALE_SCHEMA = toArrowSchema(SALES_EVENTS_SCHEMA);

/**
 * groupBy(window, sku).agg(orders, units, revenue) on a DataFrame with sku, quantity, unit_price and
 * event_time; `newestColumn` adds max(<column>) as newest (the streaming run's Kafka append time).
 */
export function slidingAggregation(events: DataFrame, newestColumn?: string): DataFrame {
  const aggregates: Column[] = [count().as('orders'), sum('quantity').as('units'), sum('revenue').as('revenue')];
  if (newestColumn) aggregates.push(max(newestColumn).as('newest'));
  return events
    .withColumn('revenue', col('quantity').multiply(col('unit_price')))
    .groupBy(window(col('event_time'), WINDOW, SLIDE), col('sku'))
    .agg(...aggregates);
}

export interface ResultSummary {
  readonly windows: number;
  readonly orders: number;
  readonly units: number;
  readonly revenue: number;
}

/** Do two runs agree? Counts exactly, revenue to 1e-9 relative (float sums in another order). */
export function sameResult(a: ResultSummary, b: ResultSummary): boolean {
  const close = Math.abs(a.revenue - b.revenue) <= 1e-9 * Math.max(1, Math.abs(a.revenue), Math.abs(b.revenue));
  return a.windows === b.windows && a.orders === b.orders && a.units === b.units && close;
}
