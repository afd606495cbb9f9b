import { describe, expect, it } from 'vitest';
import { numberColumn } from '../../columnar/column-data';
import type { GroupAggregate } from '../aggregate-descriptor';
import { percentileApproxDescriptor } from './percentile-approx';
import { QuantileSketch } from './quantile-sketch';

const bind = (percentage: number, accuracy?: number) =>
  percentileApproxDescriptor.bind('double', accuracy === undefined ? [percentage] : [percentage, accuracy]) as GroupAggregate<QuantileSketch>;

function fold(agg: GroupAggregate<QuantileSketch>, values: readonly (number | null)[]): QuantileSketch {
  const states: (QuantileSketch | undefined)[] = [];
  const column = numberColumn(
    Float64Array.from(values, (v) => v ?? 0),
    Uint8Array.from(values, (v) => (v === null ? 0 : 1)),
  );
  agg.update(states, new Int32Array(values.length), values.length, column);
  return states[0] ?? agg.create();
}

/** A permutation of 0..n-1 (value v has rank v + 1). */
const permutation = (n: number) => Array.from({ length: n }, (_, i) => (i * 7919) % n);

/** Largest distance between the rank of the answer and Spark's target rank, over percentiles 0..1. */
function worstRankError(sketch: QuantileSketch, n: number): number {
  let worst = 0;
  for (let q = 0; q <= 50; q++) {
    const p = q / 50;
    const v = Number(sketch.quantile(p));
    worst = Math.max(worst, Math.abs(v + 1 - Math.max(1, Math.ceil(p * n))));
  }
  return worst;
}

describe('percentile_approx descriptor', () => {
  it("is exact for few values, with Spark's rank rule; nulls skipped; null when empty", () => {
    const agg = bind(0.5);
    expect(agg.finish(fold(agg, [4, null, 1, 3, 2]))).toBe(2);
    expect(bind(0).finish(fold(agg, [4, 1, 3]))).toBe(1);
    expect(bind(1).finish(fold(agg, [4, 1, 3]))).toBe(4);
    expect(bind(0.75).finish(fold(agg, [10, 20, 30, 40, 50]))).toBe(40);
    expect(agg.finish(agg.create())).toBeNull();
  });

  it.each([100, 1000])('keeps the rank error within n / accuracy on 100k values (accuracy %s), folded and merged', (accuracy) => {
    const agg = bind(0.5, accuracy);
    const n = 100_000;
    const values = permutation(n);
    const whole = fold(agg, values);
    expect(whole.errorBound).toBeLessThanOrEqual(n / accuracy);
    expect(worstRankError(whole, n)).toBeLessThanOrEqual(n / accuracy);
    expect(whole.levels.flat().length).toBeLessThan(n / 2); // it is a sketch, not a copy
    // ten partial sketches merged in a tree
    const parts = Array.from({ length: 10 }, (_, i) => fold(agg, values.slice(i * 10_000, (i + 1) * 10_000)));
    while (parts.length > 1) {
      const [a, b] = parts.splice(0, 2);
      agg.merge(a, b);
      parts.push(a);
    }
    expect(parts[0].n).toBe(n);
    expect(worstRankError(parts[0], n)).toBeLessThanOrEqual(n / accuracy);
  });

  it('round-trips through bytes and keeps sketching the same way', () => {
    const agg = bind(0.9, 50);
    const values = permutation(20_000);
    const a = fold(agg, values.slice(0, 12_345));
    const restored = agg.decode(agg.encode(a));
    expect(restored).toEqual(a);
    const more = fold(agg, values.slice(12_345));
    agg.merge(a, more);
    agg.merge(restored, agg.decode(agg.encode(more)));
    expect(agg.finish(restored)).toBe(agg.finish(a));
    expect(() => agg.decode(new Uint8Array(16))).toThrow(/quantile sketch/);
  });

  it('checks its argument and parameters', () => {
    expect(percentileApproxDescriptor.resultType('int', [0.5])).toBe('int');
    expect(percentileApproxDescriptor.resultType('timestamp', [0.5, 100])).toBe('timestamp');
    expect(() => percentileApproxDescriptor.resultType('string', [0.5])).toThrow(/number/);
    expect(() => percentileApproxDescriptor.resultType('double', [1.5])).toThrow(/percentage/);
    expect(() => percentileApproxDescriptor.resultType('double', [0.5, 0])).toThrow(/accuracy/);
  });
});
