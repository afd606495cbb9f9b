// countDistinct over several columns (Spark's count(DISTINCT a, b)): distinct tuples, a row with a null
// in any of the columns not counted; Spark's column name; a stream restarted from its checkpoint gives
// the batch's answer; one-column state bytes are unchanged (old checkpoints decode).
import { describe, expect, it } from 'vitest';
import { col, count_distinct, countDistinct, createEngine, MemoryCheckpointStore, schema, window, type DataFrame, type Row } from '../src/index';
import { numberColumn, stringColumn, structColumn } from '../src/columnar/column-data';
import { countDistinctDescriptor } from '../src/expressions/aggregates/count-distinct';

const PAIRS = schema({ g: 'string', a: 'string', b: 'int', c: 'string' });
const ROWS: Row[] = [
  // g1: tuples (a, b) x1 x2 y1 (x1 twice); the rows with a null a or b are not counted
  { g: 'g1', a: 'x', b: 1, c: 'p' },
  { g: 'g1', a: 'x', b: 1, c: 'q' },
  { g: 'g1', a: 'x', b: 2, c: 'p' },
  { g: 'g1', a: 'y', b: 1, c: null },
  { g: 'g1', a: null, b: 1, c: 'p' },
  { g: 'g1', a: 'x', b: null, c: 'p' },
  { g: 'g1', a: null, b: null, c: null },
  // g2: ('x', 'y,z') and ('x,y', 'z') are two tuples, though their texts joined by ',' are equal
  { g: 'g2', a: 'x', b: 7, c: 'y,z' },
  { g: 'g2', a: 'x,y', b: 7, c: 'z' },
  { g: 'g2', a: 'x', b: 7, c: 'y,z' },
  // g3: every row has a null in (a, b)
  { g: 'g3', a: null, b: 3, c: 'p' },
  { g: 'g3', a: 'x', b: null, c: 'p' },
];

const distinctCounts = (df: DataFrame) =>
  df.groupBy('g').agg(countDistinct('a', 'b'), count_distinct(col('a'), 'c').as('ac'), countDistinct('a', 'b', 'c').as('abc'), countDistinct('a').as('da'));

const byGroup = (rows: readonly Row[]) => [...rows].sort((x, y) => String(x.g).localeCompare(String(y.g)));

const EXPECTED = [
  { g: 'g1', 'count(DISTINCT a, b)': 3, ac: 2, abc: 3, da: 2 },
  { g: 'g2', 'count(DISTINCT a, b)': 2, ac: 2, abc: 2, da: 2 },
  { g: 'g3', 'count(DISTINCT a, b)': 0, ac: 1, abc: 0, da: 1 },
];

describe('countDistinct over several columns', () => {
  it("counts distinct tuples without nulls, per group, under Spark's name", async () => {
    const df = distinctCounts(createEngine().read.rows(ROWS, PAIRS));
    expect(df.columns).toEqual(['g', 'count(DISTINCT a, b)', 'ac', 'abc', 'da']);
    expect(byGroup(await df.collect())).toEqual(EXPECTED);
    const names = createEngine()
      .read.rows([], PAIRS)
      .groupBy('g')
      .agg(countDistinct('a'), count_distinct('a', col('b').plus(1))).columns;
    expect(names).toEqual(['g', 'count(DISTINCT a)', 'count(DISTINCT a, (b + 1))']);
  });

  it('reads every one of its columns (projection pushdown)', () => {
    const df = createEngine().read.rows([], PAIRS).groupBy('g').agg(countDistinct('a', 'b'));
    expect(df.explain()).toContain('Scan 0: g, a, b (3 of 4)');
  });

  it('a stream restarted from its checkpoint gives the batch answer', async () => {
    const store = new MemoryCheckpointStore();
    const latest = new Map<string, Row>();
    const run = async (replayed: readonly Row[][], added: readonly Row[][]) => {
      const engine = createEngine({ numStatePartitions: 2 });
      const source = engine.readStream.memory(PAIRS, 'pairs');
      replayed.forEach((rows) => source.addData(rows));
      const query = await distinctCounts(source.toDF())
        .writeStream.outputMode('update')
        .checkpointStore(store)
        .foreachBatch((rows) => rows.forEach((r) => latest.set(r.g as string, r)))
        .start();
      await query.processAllAvailable();
      for (const rows of added) {
        source.addData(rows);
        await query.processAllAvailable();
      }
      await query.stop();
    };
    // each group's tuples are spread over the batches before and after the restart
    const batches = [0, 1, 2].map((k) => ROWS.filter((_, i) => i % 3 === k));
    await run([], batches.slice(0, 2));
    await run(batches.slice(0, 2), batches.slice(2));
    expect(byGroup([...latest.values()])).toEqual(EXPECTED);
  });

  it('rejects a window among the columns, as with one column', () => {
    const df = createEngine().read.rows([], schema({ g: 'string', ts: 'timestamp' }));
    expect(() => df.groupBy('g').agg(countDistinct('g', window('ts', '1 hour')))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_OPERATION' }));
  });
});

describe('countDistinct state bytes', () => {
  const agg = countDistinctDescriptor.bind('int', []);
  // one-column states as encoded before tuples existed: tag 0 padded to 8 bytes + float64s; tag 1 + JSON
  const numbers = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, ...[0, 0, 0, 0, 0, 0, 0xf0, 0x3f], ...[0, 0, 0, 0, 0, 0, 0x04, 0x40]); // 1, 2.5
  const strings = Uint8Array.of(1, ...new TextEncoder().encode('["a","b,\\"c"]'));

  it('decodes one-column states written the old way, and still writes those bytes', () => {
    expect([...(agg.decode(numbers) as Set<number>)]).toEqual([1, 2.5]);
    expect([...(agg.decode(strings) as Set<string>)]).toEqual(['a', 'b,"c']);
    expect(agg.encode(new Set([1, 2.5]))).toEqual(numbers);
    expect(agg.encode(new Set(['a', 'b,"c']))).toEqual(strings);
  });

  it('keeps a tuple state as key texts, which round-trip through bytes', () => {
    const states: unknown[] = [];
    const a = stringColumn(Int32Array.of(0, 1, 0, -1), ['x', 'x,y']);
    const b = numberColumn(Float64Array.of(1, 7, 1, 2), Uint8Array.of(1, 1, 1, 1));
    agg.update(states, new Int32Array(4), 4, structColumn([a, b]));
    const state = states[0] as Set<string>;
    expect([...state]).toEqual(['"x",1', '"x,y",7']);
    expect(agg.decode(agg.encode(state))).toEqual(state);
    expect(() => agg.decode(Uint8Array.of(9))).toThrow(expect.objectContaining({ code: 'CHECKPOINT_CORRUPT' }));
  });
});
