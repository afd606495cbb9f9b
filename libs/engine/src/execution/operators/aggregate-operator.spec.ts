import { describe, expect, it } from 'vitest';
import { count, createEngine, schema, sum, window, col } from '../../index';

const engine = createEngine();
const events = (times: number[]) =>
  engine.read.rows(
    times.map((t, i) => ({ t, v: i + 1, k: i % 2 ? 'b' : 'a' })),
    schema({ t: 'timestamp', v: 'int', k: 'string' }),
  );

async function windows(times: number[], size: number, slide?: number, start?: number) {
  const rows = await events(times)
    .groupBy(window('t', size, slide, start))
    .agg(count().as('n'))
    .collect();
  return rows.map((r) => [(r.window as { start: number }).start, (r.window as { end: number }).end, r.n]).sort((a, b) => a[0] - b[0]);
}

describe('window assignment (SEMANTICS.md (a))', () => {
  it('puts an event at a window start into that window only (half-open)', async () => {
    expect(await windows([10_000], 10_000)).toEqual([[10_000, 20_000, 1]]);
  });

  it('shifts the grid by a negative start time like start + slide', async () => {
    // SPARK-21590: 10 s windows starting at -5 s: an event at 30 s is in [25, 35)
    expect(await windows([30_000], 10_000, 10_000, -5_000)).toEqual([[25_000, 35_000, 1]]);
  });

  it('handles timestamps before the epoch with the remainder correction', async () => {
    // start 5 s, event at 2 s -> [-5, 5); event at -7 s -> [-15, -5)
    expect(await windows([2_000, -7_000], 10_000, 10_000, 5_000)).toEqual([
      [-15_000, -5_000, 1],
      [-5_000, 5_000, 1],
    ]);
  });

  it('gives floor or ceil(W/S) windows when the slide does not divide the size', async () => {
    const rows = await windows([27_000], 10_000, 3_000);
    expect(rows.map((r) => r[0])).toEqual([18_000, 21_000, 24_000, 27_000]);
    expect((await windows([34_000], 10_000, 3_000)).length).toBe(3);
  });

  it('drops rows with a null time', async () => {
    const df = engine.read.rows([{ t: null }, { t: 1000 }], schema({ t: 'timestamp' }));
    expect(await df.groupBy(window('t', 5000)).agg(count().as('n')).collect()).toEqual([{ window: { start: 0, end: 5000 }, n: 1 }]);
  });

  it('aggregates per key and window with sum over ints as long', async () => {
    const rows = await events([1000, 2000, 3000, 6000]).groupBy(window('t', 5000), col('k')).agg(sum('v').as('s')).collect();
    expect(rows.map((r) => [r.k, (r.window as { start: number }).start, r.s]).sort()).toEqual([
      ['a', 0, 4],
      ['b', 0, 2],
      ['b', 5000, 4],
    ]);
  });
});
