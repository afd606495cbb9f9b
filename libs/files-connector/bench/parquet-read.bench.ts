// Benchmark: batch rows/s reading Parquet (written by DuckDB: dictionary strings, ints, doubles,
// decimals, timestamps) into Arrow record batches, and through the engine into a per-SKU
// aggregation. Run: node -r @swc-node/register bench/parquet-read.bench.ts   (ROWS=5000000 default)
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { count, createEngine, sum } from '@shelfstream/engine';
import { parquetSchemaOf, readParquet } from '../src';

const ROWS = Number(process.env.ROWS ?? 5_000_000);
const COLUMNS = ['sku', 'quantity', 'unit_price', 'event_time'];

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'parquet-bench-'));
  const file = join(dir, 'sales.parquet');
  try {
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    await duck.run(`COPY (
      SELECT 'SKU-' || lpad((hash(i) % 4000)::VARCHAR, 5, '0') AS sku,
             (1 + i % 5)::INTEGER AS quantity,
             ((i % 2000) * 0.37)::DECIMAL(12,2) AS unit_price,
             TIMESTAMP '2026-01-01' + INTERVAL (i) SECOND AS event_time,
             (i * 7)::BIGINT AS event_no
      FROM range(${ROWS}) r(i)) TO '${file}' (FORMAT parquet)`);
    duck.closeSync();
    const size = (await stat(file)).size;
    console.log(`parquet: ${ROWS.toLocaleString()} rows, ${(size / 1e6).toFixed(0)} MB, written by DuckDB`);

    for (const columns of [COLUMNS, undefined]) {
      const t0 = performance.now();
      let rows = 0;
      for await (const b of readParquet(file, { columns })) rows += b.numRows;
      const s = (performance.now() - t0) / 1000;
      const label = columns ? `${columns.length} columns` : 'all columns';
      console.log(`readParquet -> Arrow (${label}): ${rows.toLocaleString()} rows in ${s.toFixed(2)} s = ${Math.round(rows / s).toLocaleString()} rows/s`);
    }

    const engine = createEngine();
    const t0 = performance.now();
    const out = await engine.read
      .source({ schema: await parquetSchemaOf(file, { columns: COLUMNS }), batches: () => readParquet(file, { columns: COLUMNS }) })
      .groupBy('sku')
      .agg(sum('quantity').as('units'), count().as('orders'))
      .collect();
    const s = (performance.now() - t0) / 1000;
    console.log(`engine read.source(parquet) + groupBy(sku).agg: ${Math.round(ROWS / s).toLocaleString()} rows/s (${out.length} groups, ${s.toFixed(2)} s)`);
    console.log(`peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
