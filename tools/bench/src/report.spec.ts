import { describe, expect, it } from 'vitest';
import { formatTable, LoadSampler, ratioOf } from './report';
import { sameResult } from './sliding-query';
import { flagMap } from './flags';
import { percentile } from './child';

describe('bench report', () => {
  it('prints figures and ratios in aligned columns', () => {
    const text = formatTable([
      { section: 'batch', run: 'shelfstream', events: 1_000_000, eventsPerSecond: 1_234_567.4 },
      {
        section: 'batch',
        run: 'duckdb 1 thr',
        events: 1_000_000,
        eventsPerSecond: 617_283.7,
        throughputRatio: ratioOf(1_234_567.4, 617_283.7),
        note: 'same result',
      },
    ]).split('\n');
    expect(text[2]).toContain('1,234,567');
    expect(text[3]).toContain('2.00x');
    expect(text[3]).toContain('same result');
    expect(text[0]?.indexOf('events/s')).toBeGreaterThan(0);
    expect(new Set(text.slice(0, 2).map((l) => l.length)).size).toBe(1);
  });

  it('ratios need both figures', () => {
    expect(ratioOf(2, 4)).toBe(0.5);
    expect(ratioOf(undefined, 4)).toBeUndefined();
    expect(ratioOf(2, 0)).toBeUndefined();
  });

  it('samples the load average between start and stop', () => {
    const values = [3, 5];
    const sampler = new LoadSampler(() => values.shift() ?? 0, 60_000);
    expect(sampler.stop()).toEqual({ min: 3, max: 5, mean: 4, samples: 2 });
  });

  it('compares results exactly except for float revenue', () => {
    const a = { windows: 10, orders: 120, units: 300, revenue: 1000.0000000001 };
    expect(sameResult(a, { ...a, revenue: 1000 })).toBe(true);
    expect(sameResult(a, { ...a, orders: 119 })).toBe(false);
    expect(sameResult(a, { ...a, revenue: 1000.1 })).toBe(false);
  });

  it('parses flags, bare ones as true, and nearest-rank percentiles', () => {
    expect([...flagMap(['--quick', '--events', '5', '--no-spark'])]).toEqual([
      ['quick', 'true'],
      ['events', '5'],
      ['no-spark', 'true'],
    ]);
    expect(() => flagMap(['events'])).toThrow(/expected --name/);
    expect(percentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 99)).toBe(5);
    expect(percentile([], 50)).toBeUndefined();
  });
});

describe('bench options', async () => {
  const { benchOptions } = await import('./options');
  it('quick mode shrinks inputs; flags and env pick Spark and own benches', () => {
    const quick = benchOptions(['--quick', '--no-spark'], {});
    expect(quick).toMatchObject({ quick: true, spark: false, own: ['engine'], batchEvents: 200_000, repeats: 1 });
    const full = benchOptions([], { BENCH_SPARK: '0', BENCH_OWN: 'api,pricing-bot' });
    expect(full).toMatchObject({ quick: false, spark: false, own: ['api', 'pricing-bot'], batchEvents: 1_000_000, repeats: 3 });
    expect(benchOptions(['--own', 'none'], {}).own).toEqual([]);
    expect(() => benchOptions(['--own', 'web'], {})).toThrow(/unknown project/);
    expect(() => benchOptions(['--fast'], {})).toThrow(/unknown flag/);
  });
});
