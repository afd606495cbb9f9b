// Bench data: N SKUs with 24 h of hourly velocity windows, a baseline and a few price changes each,
// written with set-based SQL so seeding 10,000 SKUs takes seconds.
import type { Client } from 'pg';

export async function seedBench(pg: Client, skuCount: number): Promise<string[]> {
  await pg.query(
    `INSERT INTO products (sku, name, category, unit_cost, base_price, current_price, price_floor, price_ceiling, initial_stock, low_stock_threshold)
     SELECT 'SKU-' || lpad(i::text, 6, '0'), 'Product ' || i, 'cat-' || (i % 20), 2, 5, 5, 3, 9, 500, 20 FROM generate_series(1, $1) i`,
    [skuCount],
  );
  await pg.query(
    `INSERT INTO live_inventory (sku, name, category, on_hand, units_last_hour, units_last_24h, baseline_hourly_rate, velocity_ratio,
       forecast_24h, stockout_eta, current_price, low_stock, last_event_at, batch_id)
     SELECT sku, name, category, 200 + (random() * 300)::int, 3, 70, 2.9, random() * 3, 70, now() + interval '3 days', 5, false, now(), 1
     FROM products`,
  );
  await pg.query(
    `INSERT INTO sales_velocity (sku, window_kind, window_start, window_end, units, revenue, orders, batch_id)
     SELECT p.sku, '1h', date_trunc('hour', now()) - h * interval '1 hour', date_trunc('hour', now()) - (h - 1) * interval '1 hour',
            (random() * 6)::int, 20, 3, 1
     FROM products p, generate_series(1, 24) h`,
  );
  await pg.query(
    `INSERT INTO sales_baseline (sku, hourly_rate, daily_units, days, from_time, to_time)
     SELECT sku, 2.9, 70, 28, now() - interval '28 days', now() FROM products`,
  );
  await pg.query(
    `WITH d AS (
       INSERT INTO price_decisions (idempotency_key, sku, decided_at, rule, outcome, old_price, proposed_price, new_price, reason,
         reference_price, inputs, steps, trigger)
       SELECT p.sku || '-' || k, p.sku, now() - k * interval '1 day', 'velocity', 'applied', 5, 5.2, 5.2, 'bench', 5, '{}', '[]', 'bench'
       FROM products p, generate_series(1, 3) k RETURNING id, sku, decided_at)
     INSERT INTO price_changes (decision_id, sku, old_price, new_price, reference_price, rule, reason, changed_at)
     SELECT id, sku, 5, 5.2, 5, 'velocity', 'bench', decided_at FROM d`,
  );
  await pg.query('ANALYZE');
  const { rows } = await pg.query<{ sku: string }>('SELECT sku FROM products ORDER BY sku');
  return rows.map((r) => r.sku);
}
