// A deterministic synthetic sales history as Parquet (written by DuckDB), for peers and benchmarks
// when no real history file is given: `events` rows over `hours` hours from `start`, SKUs skewed so a
// few sell often (like real retail), quantities 1..5, prices by SKU.
import { DuckDBInstance } from '@duckdb/node-api';
import { PeerError } from './duckdb-batch';
import { sqlString } from './sliding-window-sql';

export interface SyntheticSalesOptions {
  readonly path: string;
  readonly events: number;
  readonly skus: number;
  /** ISO-8601 start of the history (UTC). Default 2026-01-05T00:00:00Z. */
  readonly start?: string;
  readonly hours?: number;
}

export async function writeSyntheticSalesParquet(options: SyntheticSalesOptions): Promise<void> {
  const { events, skus } = options;
  const hours = options.hours ?? 24;
  const start = options.start ?? '2026-01-05T00:00:00Z';
  for (const [name, value] of Object.entries({ events, skus, hours })) {
    if (!Number.isInteger(value) || value < 1) throw new PeerError('PEER_BAD_OPTIONS', `${name} must be a positive integer, got ${value}`);
  }
  if (Number.isNaN(Date.parse(start))) throw new PeerError('PEER_BAD_OPTIONS', `start must be an ISO-8601 time, got ${start}`);
  const spanUs = hours * 3_600_000_000;
  // hash(i, salt) gives independent, repeatable pseudo-random integers per row.
  const sql = `copy (
      select 'evt-' || i as event_id, 'sale' as type,
        'SKU-' || lpad(cast(cast(floor(pow(hash(i, 1) % 1000000 / 1000000.0, 2) * ${skus}) as bigint) as varchar), 6, '0') as sku,
        'STORE-' || (hash(i, 2) % 20) as store,
        cast(1 + hash(i, 3) % 5 as integer) as quantity,
        round(1 + (hash(i, 4) % 5000) / 100.0, 2) as unit_price,
        'GBP' as currency,
        make_timestamp(epoch_us(timestamptz ${sqlString(start)}) + cast(i * ${spanUs / events} as bigint)) as event_time
      from range(${events}) as rows(i)
    ) to ${sqlString(options.path)} (format parquet)`;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(`set TimeZone = 'UTC'`);
    await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
