// End to end: unique visitors per hour with countDistinct (exact) and approx_count_distinct
// (HyperLogLog), and the median page load (percentile_approx), in a batch and in a stream restarted
// from a file checkpoint; names and errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approx_count_distinct,
  col,
  count,
  countDistinct,
  percentile_approx,
  createEngine,
  FileCheckpointStore,
  schema,
  window,
  type DataFrame,
  type Row,
} from '../src/index';
import { decodeState } from '../src/state/state-codec';

const VIEWS = schema({ visitor: 'string', page: 'string', load_ms: 'int', ts: 'timestamp' });
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

const uniqueVisitorsPerHour = (views: DataFrame) =>
  views
    .withWatermark('ts', '10 minutes')
    .groupBy(window('ts', '1 hour'))
    .agg(
      countDistinct('visitor').as('unique_visitors'),
      approx_count_distinct('visitor', 0.02).as('approx_visitors'),
      count().as('views'),
      percentile_approx('load_ms', 0.5, 1000).as('median_load_ms'),
    )
    .select(col('window.start').as('hour'), col('unique_visitors'), col('approx_visitors'), col('views'), col('median_load_ms'));

const byHour = (rows: readonly Row[]) => [...rows].sort((a, b) => (a.hour as number) - (b.hour as number));

/** Views of hour h: `visitors` distinct visitors (ids overlap across hours), `repeat` views each. */
function hourOfViews(h: number, visitors: number, repeat: number): Row[] {
  const rows: Row[] = [];
  for (let r = 0; r < repeat; r++) {
    for (let v = 0; v < visitors; v++)
      rows.push({
        visitor: `visitor-${h * 1_000 + v}`,
        page: `/p/${v % 7}`,
        load_ms: (v * 7_919 + r * 101) % 5_000,
        ts: T0 + h * HOUR + ((v * 37 + r * 11) % HOUR),
      });
  }
  return rows;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-visitors-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('unique visitors per hour', () => {
  it('batch: exact distinct visitors (nulls not counted) and an estimate close to it', async () => {
    const rows = [
      { visitor: 'ann', page: '/', load_ms: 100, ts: T0 + 1_000 },
      { visitor: 'bob', page: '/', load_ms: 300, ts: T0 + 2_000 },
      { visitor: 'ann', page: '/cart', load_ms: 200, ts: T0 + 3_000 },
      { visitor: null, page: '/', load_ms: 400, ts: T0 + 4_000 },
      { visitor: 'ann', page: '/', load_ms: null, ts: T0 + HOUR + 1 },
    ];
    const out = byHour(await uniqueVisitorsPerHour(createEngine().read.rows(rows, VIEWS)).collect());
    expect(out).toEqual([
      { hour: T0, unique_visitors: 2, approx_visitors: 2, views: 4, median_load_ms: 200 },
      { hour: T0 + HOUR, unique_visitors: 1, approx_visitors: 1, views: 1, median_load_ms: null },
    ]);
  });

  it('stream with a restart from a file checkpoint equals the batch; the estimate is within 3 rsd', async () => {
    // 3 hours of 20k, 30k and 5k distinct visitors (ids overlap from hour to hour), each seen twice
    const hours = [hourOfViews(0, 20_000, 2), hourOfViews(1, 30_000, 2), hourOfViews(2, 5_000, 2)];
    const all = hours.flat();
    const expected = byHour(await uniqueVisitorsPerHour(createEngine().read.rows(all, VIEWS)).collect());
    expect(expected.map((r) => r.unique_visitors)).toEqual([20_000, 30_000, 5_000]);
    for (const [h, r] of expected.entries()) {
      expect(Math.abs((r.approx_visitors as number) / (r.unique_visitors as number) - 1)).toBeLessThan(3 * 0.02);
      // the median's rank is within n / accuracy of ceil(n / 2)
      const loads = hours[h].map((v) => v.load_ms as number);
      const median = r.median_load_ms as number;
      const below = loads.filter((x) => x < median).length;
      const upTo = loads.filter((x) => x <= median).length;
      const target = Math.ceil(loads.length / 2);
      expect(upTo).toBeGreaterThanOrEqual(target - loads.length / 1000);
      expect(below).toBeLessThan(target + loads.length / 1000);
    }

    const chunks = Array.from({ length: 8 }, (_, i) => all.slice((i * all.length) / 8, ((i + 1) * all.length) / 8));
    const latest = new Map<number, Row>();
    const run = async (replayed: number, upTo: number) => {
      const engine = createEngine({ numStatePartitions: 2 });
      const source = engine.readStream.memory(VIEWS, 'views');
      for (const chunk of chunks.slice(0, replayed)) source.addData(chunk);
      const query = await uniqueVisitorsPerHour(source.toDF())
        .writeStream.outputMode('update')
        .option('checkpointLocation', dir)
        .foreachBatch((rows) => rows.forEach((r) => latest.set(r.hour as number, r)))
        .start();
      await query.processAllAvailable();
      for (const chunk of chunks.slice(replayed, upTo)) {
        source.addData(chunk);
        await query.processAllAvailable();
      }
      await query.stop();
    };
    await run(0, 3);
    // the sketches and sets are in the checkpoint as bytes
    const store = new FileCheckpointStore(dir);
    const blobs = await Promise.all([1, 2, 3].flatMap((version) => [0, 1].map((partition) => store.readState(0, partition, version))));
    const stored = blobs.flatMap((bytes) => (bytes ? decodeState(bytes).binary('a1') : []));
    expect(stored.some((b) => b !== null && b.length === 1 + (1 << 12))).toBe(true); // rsd 0.02: p = 12
    await run(3, 8);
    expect(byHour([...latest.values()])).toEqual(expected);
  });

  it("uses Spark's column names and rejects bad arguments at the builder call", () => {
    const views = createEngine().read.rows([], VIEWS);
    expect(views.groupBy('page').agg(countDistinct('visitor'), approx_count_distinct('visitor', 0.1)).columns).toEqual([
      'page',
      'count(DISTINCT visitor)',
      'approx_count_distinct(visitor)',
    ]);
    expect(() => views.groupBy('page').agg(approx_count_distinct('visitor', 0.9))).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => views.groupBy('page').agg(countDistinct(window('ts', '1 hour')))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_OPERATION' }));
    expect(() => views.select(countDistinct('visitor'))).toThrow(expect.objectContaining({ code: 'INVALID_AGGREGATION' }));
  });
});
