// The benchmark query in DuckDB SQL: per SKU, 1-hour windows sliding every 5 minutes, aligned to the
// epoch like Spark's window(): an event at t falls in the 12 windows starting at
// floor(t / 5 min) * 5 min - k * 5 min, k = 0..11. Figures: orders (events), units (sum of quantity),
// revenue (sum of quantity * unit_price).
export const WINDOW_MINUTES = 60;
export const SLIDE_MINUTES = 5;
const SLIDE_US = SLIDE_MINUTES * 60 * 1_000_000;
const WINDOWS_PER_EVENT = WINDOW_MINUTES / SLIDE_MINUTES;

/** A SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Events from a Parquet file with columns sku, quantity, unit_price, event_time (timestamp or ISO string). */
export function parquetEventsSql(parquetPath: string): string {
  return `select cast(sku as varchar) as sku, cast(quantity as bigint) as quantity, cast(unit_price as double) as unit_price,
    epoch_us(cast(event_time as timestamptz)) as t_us
    from read_parquet(${sqlString(parquetPath)})`;
}

/** The per-SKU sliding-window aggregate of the events selected by `eventsSql`. */
export function slidingWindowSql(eventsSql: string): string {
  return `with events as (${eventsSql}),
    assigned as (
      select sku, quantity, unit_price, (cast(floor(t_us / ${SLIDE_US}) as bigint) - k) * ${SLIDE_US} as window_start_us
      from events cross join range(${WINDOWS_PER_EVENT}) as offsets(k)
    )
    select sku, window_start_us, count(*) as orders, sum(quantity) as units, sum(quantity * unit_price) as revenue
    from assigned
    group by sku, window_start_us`;
}

/** One row summarising the aggregate, so a run computes every group but returns little. */
export function summarySql(aggregateSql: string): string {
  return `select count(*) as windows, sum(orders) as orders, sum(units) as units, sum(revenue) as revenue from (${aggregateSql})`;
}
