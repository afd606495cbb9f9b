// Synthetic sales events in engine columnar form: sku (dictionary of N SKUs), quantity, event time
// (roughly increasing over ~10 days with up to 5 minutes of disorder). Deterministic (seeded).
import type { ColumnBatch } from '../src/columnar/column-batch';
import { columnBatch } from '../src/columnar/column-batch';
import { numberColumn, stringColumn } from '../src/columnar/column-data';
import { schema } from '../src/index';

export const SALES_SCHEMA = schema({ sku: 'string', quantity: 'int', event_time: 'timestamp' });

export function syntheticSales(total: number, chunkRows: number, skuCount = 1000): ColumnBatch[] {
  const dict = Array.from({ length: skuCount }, (_, i) => `SKU-${String(i).padStart(5, '0')}`);
  let seed = 42;
  const random = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const startMs = Date.UTC(2026, 0, 1);
  const spanMs = 10 * 86_400_000;
  const chunks: ColumnBatch[] = [];
  for (let from = 0; from < total; from += chunkRows) {
    const n = Math.min(chunkRows, total - from);
    const codes = new Int32Array(n);
    const qty = new Float64Array(n);
    const ts = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      codes[i] = Math.floor(random() * skuCount);
      qty[i] = 1 + Math.floor(random() * 5);
      ts[i] = Math.floor(startMs + ((from + i) / total) * spanMs - random() * 300_000);
    }
    chunks.push(columnBatch(SALES_SCHEMA, [stringColumn(codes, dict), numberColumn(qty), numberColumn(ts)], n));
  }
  return chunks;
}
