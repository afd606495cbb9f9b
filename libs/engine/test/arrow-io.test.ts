// Arrow in and out: big tables are consumed in chunks; types map both ways; Dictionary<Utf8> is read
// without decoding every row.
import { Dictionary, Int32, Table, TimestampMillisecond, Utf8, vectorFromArray, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { count, createEngine, type DataFrame, schema, sum, tableToRows, window, col } from '../src/index';

describe('Arrow input and output', () => {
  it('aggregates a multi-batch Arrow table read in small chunks like the same rows', async () => {
    const n = 50_000;
    const skus = Array.from({ length: n }, (_, i) => `sku-${i % 37}`);
    const qty = Array.from({ length: n }, (_, i) => (i % 5) + 1);
    const ts = Array.from({ length: n }, (_, i) => i * 1000);
    const parts: Table[] = [];
    for (let from = 0; from < n; from += 12_345) {
      const to = Math.min(n, from + 12_345);
      parts.push(
        new Table({
          sku: vectorFromArray(skus.slice(from, to), new Dictionary(new Utf8(), new Int32())),
          qty: vectorFromArray(qty.slice(from, to), new Int32()),
          ts: vectorFromArray(
            ts.slice(from, to).map((t) => new Date(t)),
            new TimestampMillisecond(),
          ),
        }),
      );
    }
    const table = parts.reduce((a, b) => a.concat(b));
    expect(table.batches.length).toBeGreaterThan(1);
    const engine = createEngine({ chunkRows: 4096 });
    const query = (df: DataFrame) => df.groupBy(window('ts', '1 hour'), col('sku')).agg(count().as('n'), sum('qty').as('q')).collect();
    const fromArrow = await query(engine.read.arrow(table));
    const fromRows = await query(
      engine.read.rows(
        skus.map((sku, i) => ({ sku, qty: qty[i], ts: ts[i] })),
        schema({ sku: 'string', qty: 'int', ts: 'timestamp' }),
      ),
    );
    const canon = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(canon(fromArrow)).toEqual(canon(fromRows));
    expect(fromArrow.reduce((s, r) => s + (r.n as number), 0)).toBe(n);
  });

  it('writes engine types as Arrow types and reads them back as plain numbers', async () => {
    const engine = createEngine();
    const df = engine.read.rows(
      [
        { s: 'a', i: 1, d: 1.5, b: true, t: '2026-01-01T00:00:00Z' },
        { s: null, i: null, d: null, b: null, t: null },
      ],
      schema({ s: 'string', i: 'int', d: 'double', b: 'boolean', t: 'timestamp' }),
    );
    const out = await df.groupBy('s').agg(count().as('n'), sum('i').as('si')).toArrow();
    expect(out.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(['s:Utf8', 'n:Int64', 'si:Int64']);
    const all = await df.toArrow();
    expect(all.schema.fields.map((f) => String(f.type))).toEqual(['Utf8', 'Int32', 'Float64', 'Bool', 'Timestamp<MILLISECOND>']);
    expect(tableToRows(all)).toEqual([
      { s: 'a', i: 1, d: 1.5, b: true, t: Date.UTC(2026, 0, 1) },
      { s: null, i: null, d: null, b: null, t: null },
    ]);
    // and an Arrow table round-trips through read.arrow
    expect(await engine.read.arrow(all).collect()).toEqual(tableToRows(all));
    const plain = tableFromArrays({ x: new Float64Array([1, 2]) });
    expect(await engine.read.arrow(plain).collect()).toEqual([{ x: 1 }, { x: 2 }]);
  });
});
