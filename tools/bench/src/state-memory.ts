// Child process (run with --expose-gc): memory of our engine's streaming state per 100,000 SKUs. A
// memory stream gets one sale per SKU (`--skus N`, in chunks), all in the same 5 minutes, so each SKU
// holds 12 sliding windows of the benchmark query in state (checkpointed to files, not kept in memory
// twice). Heap + array buffers after a full GC, before and after, scaled to 100,000 SKUs.
//   node --expose-gc -r @swc-node/register state-memory.ts [--skus 100000]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, schema } from '@shelfstream/engine';
import { BenchError, flagMap, positiveInt } from './flags';
import { slidingAggregation, WATERMARK } from './sliding-query';

const CHUNK = 20_000;

function usedBytes(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new BenchError('BENCH_BAD_OPTIONS', 'state-memory needs node --expose-gc');
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function main(): Promise<void> {
  const skus = positiveInt(flagMap(process.argv.slice(2)).get('skus'), 100_000, 'skus');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-state-'));
  const engine = createEngine();
  const input = engine.readStream.memory(schema({ sku: 'string', quantity: 'int', unit_price: 'double', event_time: 'timestamp' }));
  const query = await slidingAggregation(input.toDF().withWatermark('event_time', WATERMARK))
    .writeStream.outputMode('update')
    .option('checkpointLocation', dir)
    .foreachBatch(async () => undefined)
    .start();
  try {
    const before = usedBytes();
    const t0 = Date.UTC(2026, 0, 5, 12);
    for (let from = 0; from < skus; from += CHUNK) {
      const rows = [];
      for (let i = from; i < Math.min(skus, from + CHUNK); i++)
        rows.push({ sku: `SKU-${String(i).padStart(7, '0')}`, quantity: 1 + (i % 5), unit_price: 2.5, event_time: t0 + (i % 300_000) });
      input.addData(rows);
      await query.processAllAvailable();
    }
    const after = usedBytes();
    const stateRows = query.lastProgress?.stateOperators.reduce((n, op) => n + op.numRowsTotal, 0) ?? 0;
    const perHundredK = ((after - before) / skus) * 100_000;
    console.log(
      JSON.stringify({ skus, stateRows, stateBytes: after - before, mbPer100kSkus: perHundredK / 2 ** 20, rssMb: process.memoryUsage().rss / 2 ** 20 }),
    );
  } finally {
    await query.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`state-memory: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
