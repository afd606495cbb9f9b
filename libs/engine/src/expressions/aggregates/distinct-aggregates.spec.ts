import { describe, expect, it } from 'vitest';
import { numberColumn, stringColumn } from '../../columnar/column-data';
import { WINDOW_TYPE, structType } from '../../types/data-type';
import type { GroupAggregate } from '../aggregate-descriptor';
import { approxCountDistinctDescriptor } from './approx-count-distinct';
import { countDistinctDescriptor } from './count-distinct';
import { HyperLogLog, precisionFor } from './hyperloglog';

/** One group's state after folding `values` (null = SQL null). */
function fold<S>(agg: GroupAggregate<S>, values: readonly (number | null)[]): S {
  const states: (S | undefined)[] = [];
  const column = numberColumn(
    Float64Array.from(values, (v) => v ?? 0),
    Uint8Array.from(values, (v) => (v === null ? 0 : 1)),
  );
  agg.update(states, new Int32Array(values.length), values.length, column);
  return states[0] ?? agg.create();
}

describe('countDistinct descriptor', () => {
  const agg = countDistinctDescriptor.bind('int', []);

  it('counts distinct non-null values; rows without a group are skipped', () => {
    const states: unknown[] = [];
    const column = stringColumn(Int32Array.of(0, 1, 0, -1, 3, 2), ['a', 'b', 'a', 'c']);
    agg.update(states, Int32Array.of(0, 0, 1, 0, -1, 1), 6, column);
    expect(states.map((s) => agg.finish(s))).toEqual([2, 1]); // group 1: 'a' twice (two codes, one string)
  });

  it('merges and round-trips numbers and strings through bytes', () => {
    const a = fold(agg, [1, 2, null, 2, -0]);
    const b = fold(agg, [2, 3, 0]);
    agg.merge(a, b);
    expect(agg.finish(a)).toBe(4); // 0 and -0 are one value
    expect(agg.finish(agg.decode(agg.encode(a)))).toBe(4);
    const strings: unknown[] = [];
    agg.update(strings, Int32Array.of(0, 0), 2, stringColumn(Int32Array.of(0, 1), ['x', 'y"\n']));
    expect([...(agg.decode(agg.encode(strings[0])) as Set<string>)]).toEqual(['x', 'y"\n']);
    expect(agg.finish(agg.create())).toBe(0);
  });

  it('is long; a struct argument (the tuple of countDistinct(a, b)) cannot hold structs', () => {
    expect(countDistinctDescriptor.resultType('string', [])).toBe('long');
    expect(countDistinctDescriptor.resultType(WINDOW_TYPE, [])).toBe('long');
    expect(() => countDistinctDescriptor.resultType(structType([{ name: 'w', type: WINDOW_TYPE, nullable: true }]), [])).toThrow(/struct/);
  });
});

describe('approx_count_distinct (HyperLogLog)', () => {
  it("takes Spark's precision from rsd", () => {
    expect(precisionFor(0.05)).toBe(9);
    expect(precisionFor(0.01)).toBe(14);
    expect(() => precisionFor(0.5)).toThrow(/precision/);
    expect(() => approxCountDistinctDescriptor.resultType('long', [0])).toThrow(/rsd/);
  });

  it.each([0.05, 0.02, 0.01])('estimates 100k distinct values within 3 rsd (rsd %s), numbers and strings', (rsd) => {
    const agg = approxCountDistinctDescriptor.bind('long', [rsd]) as GroupAggregate<HyperLogLog>;
    const n = 100_000;
    const numbers = fold(
      agg,
      Array.from({ length: n * 2 }, (_, i) => i % n),
    );
    expect(Math.abs(Number(agg.finish(numbers)) - n) / n).toBeLessThan(3 * rsd);
    const strings: (HyperLogLog | undefined)[] = [];
    const dict = Array.from({ length: n }, (_, i) => `visitor-${i}`);
    agg.update(
      strings,
      new Int32Array(n),
      n,
      stringColumn(
        Int32Array.from(dict, (_, i) => i),
        dict,
      ),
    );
    expect(Math.abs(Number(agg.finish(strings[0] ?? agg.create())) - n) / n).toBeLessThan(3 * rsd);
  });

  it('is exact-ish for small counts, 0 when empty, and ignores nulls', () => {
    const agg = approxCountDistinctDescriptor.bind('long', []);
    expect(agg.finish(agg.create())).toBe(0);
    expect(agg.finish(fold(agg, [1, 2, 3, null, 3, 2]))).toBe(3);
  });

  it('merge equals folding the union, in any order; bytes round-trip', () => {
    const agg = approxCountDistinctDescriptor.bind('long', [0.02]) as GroupAggregate<HyperLogLog>;
    const values = Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 15_000);
    const whole = fold(agg, values);
    const left = fold(agg, values.slice(0, 5_000));
    const right = fold(agg, values.slice(5_000));
    agg.merge(right, left);
    expect(right.registers).toEqual(whole.registers);
    const restored = agg.decode(agg.encode(whole));
    expect(restored.registers).toEqual(whole.registers);
    expect(agg.finish(restored)).toBe(agg.finish(whole));
    expect(() => agg.decode(Uint8Array.of(9, 1, 2))).toThrow(/HyperLogLog/);
  });
});
