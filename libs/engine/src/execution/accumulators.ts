// Typed-array accumulators for hash aggregation. Each holds a fixed set of float64 "slots" per group
// (so growing, compacting and snapshotting are generic); update() is one loop over group ids.
import type { ColumnData } from '../columnar/column-data';
import type { StringDictionary } from '../columnar/string-dictionary';
import type { SlotAggregateFn } from '../expressions/expr-node';

export interface AccumulatorInput {
  /** Argument values as float64 (strings as interned codes, booleans 0/1); null for count(*). */
  readonly values: Float64Array | null;
  readonly valid: Uint8Array | null;
  /** For min/max over strings: compares interned codes by their strings. */
  readonly compare: ((a: number, b: number) => number) | null;
}

export const SLOT_COUNT: Record<SlotAggregateFn, number> = { count: 1, sum: 2, avg: 2, min: 2, max: 2, first: 2, last: 2 };

/** Folds rows into slots[s][group]; rows with gid < 0 are skipped. */
export function accumulate(fn: SlotAggregateFn, slots: readonly Float64Array[], gids: Int32Array, n: number, input: AccumulatorInput): void {
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
export function finalValue(fn: SlotAggregateFn, slots: readonly Float64Array[], g: number): number | null {
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

/** An aggregate's argument column as accumulator input (strings as codes interned in `dict`). */
export function accumulatorInput(column: ColumnData, dict: StringDictionary, n: number): AccumulatorInput {
  if (column.kind === 'string') {
    const strings = dict.strings;
    const values = dict.encode(column, new Float64Array(n));
    let valid: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      if (values[i] < 0) {
        valid ??= new Uint8Array(n).fill(1);
        valid[i] = 0;
      }
    }
    return { values, valid, compare: (a, b) => (strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : 0) };
  }
  if (column.kind === 'bool') return { values: Float64Array.from(column.values), valid: column.valid, compare: null };
  if (column.kind === 'number') return { values: column.values, valid: column.valid, compare: null };
  return { values: new Float64Array(n), valid: column.valid ?? new Uint8Array(n).fill(1), compare: null };
}

/**
 * Merges group `from` into group `into` (slots of one aggregate, as `accumulate` leaves them), for
 * session windows whose groups merge. `into` is the earlier group: first keeps its value, last takes
 * the later one's. `compare` orders string codes for min/max (null for numbers).
 */
export function mergeAccumulator(
  fn: SlotAggregateFn,
  slots: readonly Float64Array[],
  into: number,
  from: number,
  compare: ((a: number, b: number) => number) | null,
): void {
  const a = slots[0];
  const b = slots[1];
  switch (fn) {
    case 'count':
      a[into] += a[from];
      return;
    case 'sum':
    case 'avg':
      a[into] += a[from];
      b[into] += b[from];
      return;
    case 'min':
    case 'max': {
      if (b[from] === 0) return;
      const sign = fn === 'min' ? 1 : -1;
      const x = a[from];
      if (b[into] === 0 || (compare === null ? sign * (x - a[into]) < 0 : sign * compare(x, a[into]) < 0)) {
        a[into] = x;
        b[into] = 1;
      }
      return;
    }
    case 'first':
    case 'last':
      if (b[from] !== 0 && (fn === 'last' || b[into] === 0)) {
        a[into] = a[from];
        b[into] = b[from];
      }
      return;
  }
}
