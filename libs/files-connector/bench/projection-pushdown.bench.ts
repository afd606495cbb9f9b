// Projection pushdown, measured: a DuckDB-written Parquet file of 8 columns (1M rows), read through
// the engine selecting 3 columns, with pushdown (3 decoded) and without (all 8 decoded).
// node -r @swc-node/register bench/projection-pushdown.bench.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { type BatchSource, col, createEngine, sum } from '@shelfstream/engine';
import { fileSource } from '../src';

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pushdown-bench-'));
  const path = join(dir, 'wide.parquet');
  const duck = await (await DuckDBInstance.create(':memory:')).connect();
  await duck.run(`COPY (SELECT i AS id, 'sku-' || (i % 997) AS sku, i % 13 AS qty, (i % 1000) / 10.0 AS price,
      TIMESTAMP '2026-01-01' + INTERVAL (i) SECOND AS ts, 'store-' || (i % 70) AS store, i * 2 AS a, 'note ' || i AS b
    FROM range(1000000) t(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 131072)`);
  duck.closeSync();
  const engine = createEngine();
  const source = await fileSource(path, { format: 'parquet' });
  const noPushdown: BatchSource = { schema: source.schema, batches: () => source.batches() };
  const run = async (s: BatchSource) => {
    const t = performance.now();
    await engine.read.source(s).filter(col('qty').gt(0)).groupBy('sku').agg(sum('price')).collect();
    return performance.now() - t;
  };
  const times = { pushdown: [] as number[], all: [] as number[] };
  for (let round = 0; round < 4; round++) {
    // alternate so load drift on the shared machine hits both
    times.all.push(await run(noPushdown));
    times.pushdown.push(await run(source));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [p, a] = [median(times.pushdown.slice(1)), median(times.all.slice(1))];
  console.log(`1M rows, 8 Parquet columns, query uses 3 (sku, qty, price); median of 3 after a warm-up`);
  console.log(`all 8 columns decoded: ${a.toFixed(0)} ms; pushdown (3 decoded): ${p.toFixed(0)} ms; ${(a / p).toFixed(2)}x`);
  await rm(dir, { recursive: true, force: true });
}

void main();
