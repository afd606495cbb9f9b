// As-of reads by event time, from the sales_history ledger: the inventory at time t counts exactly the
// events whose event_time <= t, whichever batch they arrived in (a late return changes the answers after
// its own time, never those before it). inventory_history, by contrast, is the log of rows as processed
// (committed_at). Windows follow the live definitions: the last hour = the 12 five-minute buckets ending
// with t's bucket, the last 24 h = the 24 hours ending with t's hour.

/**
 * Parameters: $1 the time (timestamptz), $2 one SKU or null for every SKU with events up to $1.
 * Columns: sku, category, on_hand, units_last_hour, units_last_24h, velocity_ratio (current baseline),
 * current_price (the price in effect at $1, from price_changes), last_event_at, last_sale_at, recorded_at
 * (when the newest of the counted events was recorded).
 */
export const INVENTORY_AS_OF_SQL = `
WITH t AS (
  SELECT $1::timestamptz AS at,
         to_timestamp(floor(extract(epoch FROM $1::timestamptz) / 300) * 300 - 55 * 60) AS hour_from,
         to_timestamp(floor(extract(epoch FROM $1::timestamptz) / 3600) * 3600 - 23 * 3600) AS day_from
), e AS (
  SELECT h.sku, sum(h.stock_delta) AS delta, max(h.event_time) AS last_event_at, max(h.recorded_at) AS recorded_at,
         max(h.event_time) FILTER (WHERE h.type = 'sale') AS last_sale_at,
         coalesce(sum(h.quantity) FILTER (WHERE h.type = 'sale' AND h.event_time >= t.hour_from), 0) AS units_last_hour,
         coalesce(sum(h.quantity) FILTER (WHERE h.type = 'sale' AND h.event_time >= t.day_from), 0) AS units_last_24h
    FROM sales_history h, t
   WHERE h.event_time <= t.at AND ($2::text IS NULL OR h.sku = $2)
   GROUP BY h.sku
)
SELECT p.sku, p.category, (p.initial_stock + e.delta)::float8 AS on_hand,
       e.units_last_hour::float8 AS units_last_hour, e.units_last_24h::float8 AS units_last_24h,
       CASE WHEN b.hourly_rate > 0 THEN e.units_last_hour / b.hourly_rate END AS velocity_ratio,
       coalesce((SELECT c.new_price FROM price_changes c, t WHERE c.sku = p.sku AND c.changed_at <= t.at ORDER BY c.changed_at DESC, c.id DESC LIMIT 1),
                (SELECT c.old_price FROM price_changes c, t WHERE c.sku = p.sku AND c.changed_at > t.at ORDER BY c.changed_at, c.id LIMIT 1),
                p.current_price)::float8 AS current_price,
       e.last_event_at, e.last_sale_at, e.recorded_at
  FROM e JOIN products p ON p.sku = e.sku LEFT JOIN sales_baseline b ON b.sku = e.sku`;
