// Typed-array accumulators for hash aggregation. Each holds a fixed set of float64 "slots" per group
// (so growing, compacting and snapshotting are generic); update() is one loop over group ids.
import type { AggregateFn } from '../expressions/expr-node';

export interface AccumulatorInput {
  /** Argument values as float64 (strings as interned codes, booleans 0/1); null for count(*). */
  readonly values: Float64Array | null;
  readonly valid: Uint8Array | null;
  /** For min/max over strings: compares interned codes by their strings. */
  readonly compare: ((a: number, b: number) => number) | null;
}

export const SLOT_COUNT: Record<AggregateFn, number> = { count: 1, sum: 2, avg: 2, min: 2, max: 2, first: 2, last: 2 };

/** Folds rows into slots[s][group]; rows with gid < 0 are skipped. */
export function accumulate(
  fn: AggregateFn,
  slots: readonly Float64Array[],
  gids: Int32Array,
  n: number,
  input: AccumulatorInput,
): void {
  const { values, valid } = input;
  const a = slots[0];
  const b = slots[1];
  switch (fn) {
    case 'count':
      if (values === null || valid === null) {
        for (let i = 0; i < n; i++) {
          const g = gids[i];
          if (g >= 0) a[g] += 1;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const g = gids[i];
          if (g >= 0) a[g] += valid[i];
        }
      }
      return;
    case 'sum':
    case 'avg': {
      const v = values as Float64Array;
      if (valid === null) {
        for (let i = 0; i < n; i++) {
          const g = gids[i];
          if (g >= 0) {
            a[g] += v[i];
            b[g] += 1;
          }
        }
      } else {
        for (let i = 0; i < n; i++) {
          const g = gids[i];
          if (g >= 0 && valid[i] === 1) {
            a[g] += v[i];
            b[g] += 1;
          }
        }
      }
      return;
    }
    case 'min':
    case 'max': {
      const v = values as Float64Array;
      const sign = fn === 'min' ? 1 : -1;
      const cmp = input.compare;
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0 || (valid !== null && valid[i] === 0)) continue;
        const x = v[i];
        if (b[g] === 0) {
          a[g] = x;
          b[g] = 1;
        } else if (cmp === null ? sign * (x - a[g]) < 0 : sign * cmp(x, a[g]) < 0) a[g] = x;
      }
      return;
    }
    case 'first':
    case 'last': {
      // slot b: 0 = unset, 1 = null, 2 = value (first/last value seen, nulls included, as Spark's default)
      const v = values as Float64Array;
      const overwrite = fn === 'last';
      for (let i = 0; i < n; i++) {
        const g = gids[i];
        if (g < 0 || (!overwrite && b[g] !== 0)) continue;
        if (valid !== null && valid[i] === 0) b[g] = 1;
        else {
          a[g] = v[i];
          b[g] = 2;
        }
      }
      return;
    }
  }
}

/** Final value of group g and whether it is null. */
export function finalValue(fn: AggregateFn, slots: readonly Float64Array[], g: number): number | null {
  const a = slots[0][g];
  switch (fn) {
    case 'count':
      return a;
    case 'sum':
      return slots[1][g] > 0 ? a : null;
    case 'avg':
      return slots[1][g] > 0 ? a / slots[1][g] : null;
    case 'min':
    case 'max':
      return slots[1][g] > 0 ? a : null;
    case 'first':
    case 'last':
      return slots[1][g] === 2 ? a : null;
  }
}
