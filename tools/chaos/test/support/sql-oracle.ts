// The independent oracle: the expected live_inventory counters and sales_velocity windows computed by
// plain SQL over the valid events (no engine involved), in the oracle database.
import { type SalesEvent, VELOCITY_WINDOWS, type VelocityWindow } from '@shelfstream/domain';
import { describeValue, parseDuration } from '@shelfstream/engine';
import type { Pool } from 'pg';

export const INVENTORY_COLUMNS = [
  'on_hand',
  'units_sold',
  'units_returned',
  'units_restocked',
  'units_adjusted',
  'units_last_hour',
  'units_last_24h',
  'last_event_at',
] as const;
export const VELOCITY_COLUMNS = ['window_end', 'units', 'orders', 'revenue'] as const;

/** Rows keyed by their primary key, each as column -> normalized text. */
export type KeyedRows = Map<string, Record<string, string>>;

const EXPECTED_INVENTORY = `
  WITH last AS (SELECT sku, max(event_time) AS last_at FROM chaos_events GROUP BY sku)
  SELECT e.sku,
         p.initial_stock + sum(CASE WHEN e.type = 'sale' THEN -e.quantity ELSE e.quantity END) AS on_hand,
         coalesce(sum(e.quantity) FILTER (WHERE e.type = 'sale'), 0) AS units_sold,
         coalesce(sum(e.quantity) FILTER (WHERE e.type = 'return'), 0) AS units_returned,
         coalesce(sum(e.quantity) FILTER (WHERE e.type = 'restock'), 0) AS units_restocked,
         coalesce(sum(e.quantity) FILTER (WHERE e.type = 'adjustment'), 0) AS units_adjusted,
         coalesce(sum(e.quantity) FILTER (WHERE e.type = 'sale'
           AND e.event_time >= date_bin('5 minutes', l.last_at, 'epoch') - interval '55 minutes'), 0) AS units_last_hour,
         coalesce(sum(e.quantity) FILTER (WHERE e.type = 'sale'
           AND e.event_time >= date_trunc('hour', l.last_at) - interval '23 hours'), 0) AS units_last_24h,
         l.last_at AS last_event_at
    FROM chaos_events e JOIN last l ON l.sku = e.sku JOIN products p ON p.sku = e.sku
   GROUP BY e.sku, p.initial_stock, l.last_at`;

/** A velocity window spec (from the domain) in whole milliseconds. */
export function windowMs(spec: VelocityWindow): { sizeMs: number; slideMs: number; perEvent: number } {
  const sizeMs = parseDuration(spec.size);
  const slideMs = parseDuration(spec.slide ?? spec.size);
  return { sizeMs, slideMs, perEvent: Math.ceil(sizeMs / slideMs) };
}

// Spark window assignment: every window [start, start + size) with start aligned to the slide (from the epoch).
function windowsOf(spec: VelocityWindow): string {
  const { sizeMs, slideMs, perEvent } = windowMs(spec);
  const slide = `interval '${slideMs / 1000} seconds'`;
  return `
  SELECT e.sku, '${spec.kind}' AS window_kind, w.start AS window_start, w.start + interval '${sizeMs / 1000} seconds' AS window_end,
         sum(e.quantity) AS units, count(*) AS orders, round(sum(e.quantity * e.unit_price), 2) AS revenue
    FROM chaos_events e
    CROSS JOIN generate_series(0, ${perEvent - 1}) AS k
    CROSS JOIN LATERAL (SELECT date_bin(${slide}, e.event_time, 'epoch') - k * ${slide} AS start) AS w
   WHERE e.type = 'sale' AND w.start + interval '${sizeMs / 1000} seconds' > e.event_time
   GROUP BY e.sku, w.start`;
}

const EXPECTED_VELOCITY = VELOCITY_WINDOWS.map(windowsOf).join('\n  UNION ALL');

/** Loads the events into chaos_events (in the oracle database) for the SQL oracle. */
export async function loadEvents(pool: Pool, events: readonly SalesEvent[]): Promise<void> {
  await pool.query(`CREATE TABLE chaos_events (event_id text, type text, sku text, quantity int, unit_price numeric, event_time timestamptz)`);
  for (let i = 0; i < events.length; i += 10_000) {
    const part = events.slice(i, i + 10_000);
    await pool.query(`INSERT INTO chaos_events SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::numeric[], $6::timestamptz[])`, [
      part.map((e) => e.event_id),
      part.map((e) => e.type),
      part.map((e) => e.sku),
      part.map((e) => e.quantity),
      part.map((e) => e.unit_price),
      part.map((e) => e.event_time),
    ]);
  }
}

function normalize(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return value.toISOString();
  const n = Number(value);
  return typeof value !== 'boolean' && describeValue(value).trim() !== '' && Number.isFinite(n) ? String(Math.round(n * 100) / 100) : describeValue(value);
}

async function keyed(pool: Pool, sql: string, key: readonly string[], columns: readonly string[]): Promise<KeyedRows> {
  const { rows } = await pool.query<Record<string, unknown>>(sql);
  return new Map(rows.map((r) => [key.map((k) => normalize(r[k])).join('|'), Object.fromEntries(columns.map((c) => [c, normalize(r[c])]))]));
}

export const VELOCITY_KEY = ['sku', 'window_kind', 'window_start'] as const;

export function expectedInventory(pool: Pool): Promise<KeyedRows> {
  return keyed(pool, EXPECTED_INVENTORY, ['sku'], INVENTORY_COLUMNS);
}

export function expectedVelocity(pool: Pool): Promise<KeyedRows> {
  return keyed(pool, EXPECTED_VELOCITY, VELOCITY_KEY, VELOCITY_COLUMNS);
}

/** The pipeline's tables in a database (the one the stream wrote, or the backfill's). */
export function actualInventory(pool: Pool): Promise<KeyedRows> {
  return keyed(pool, `SELECT sku, ${INVENTORY_COLUMNS.join(', ')} FROM live_inventory`, ['sku'], INVENTORY_COLUMNS);
}

export function actualVelocity(pool: Pool): Promise<KeyedRows> {
  return keyed(pool, `SELECT ${[...VELOCITY_KEY, ...VELOCITY_COLUMNS].join(', ')} FROM sales_velocity`, VELOCITY_KEY, VELOCITY_COLUMNS);
}
