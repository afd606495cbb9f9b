// The aggregates of one groupBy over a group store: fixed-slot aggregates (typed float64 slots, the
// fast path) and descriptor-defined ones (an object state per group, `objects[j][g]`, undefined =
// no row yet). Batch and session operators update, merge and finish through these functions only.
import type { AggregateSpec } from '../analysis/analyzed-plan';
import type { ColumnBatch } from '../columnar/column-batch';
import type { ColumnData } from '../columnar/column-data';
import type { StringDictionary } from '../columnar/string-dictionary';
import type { SlotAggregateFn } from '../expressions/expr-node';
import { type AccumulatorInput, SLOT_COUNT, accumulate, accumulatorInput, finalValue, mergeAccumulator } from './accumulators';
import { evaluate } from './evaluate';

/** Per aggregate: its slot input, or its argument column for a descriptor-defined aggregate. */
export type AggregateInput = { readonly slots: AccumulatorInput } | { readonly column: ColumnData };

const COUNT_STAR: AggregateInput = { slots: { values: null, valid: null, compare: null } };

export function aggregateInputs(aggs: readonly AggregateSpec[], batch: ColumnBatch, dict: StringDictionary, n: number): AggregateInput[] {
  return aggs.map((a) => {
    if (!a.arg) return COUNT_STAR;
    const column = evaluate(a.arg, batch);
    return a.state ? { column } : { slots: accumulatorInput(column, dict, n) };
  });
}

/** Slot arrays of each aggregate (none for descriptor-defined ones). */
export function newSlots(aggs: readonly AggregateSpec[], capacity: number): Float64Array[][] {
  return aggs.map((a) => (a.state ? [] : Array.from({ length: SLOT_COUNT[a.fn as SlotAggregateFn] }, () => new Float64Array(capacity))));
}

export const newObjects = (aggs: readonly AggregateSpec[]): unknown[][] => aggs.map(() => []);

/** Folds the rows into their groups (gid < 0: skipped). */
export function updateAggregates(
  aggs: readonly AggregateSpec[],
  slots: readonly (readonly Float64Array[])[],
  objects: readonly unknown[][],
  gids: Int32Array,
  n: number,
  inputs: readonly AggregateInput[],
): void {
  aggs.forEach((a, j) => {
    const input = inputs[j];
    if ('slots' in input) accumulate(a.fn as SlotAggregateFn, slots[j], gids, n, input.slots);
    else a.state?.update(objects[j], gids, n, input.column);
  });
}

/** Output value of aggregate j for group g (null = SQL null). */
export function aggregateValue(agg: AggregateSpec, slots: readonly Float64Array[], objects: readonly unknown[], g: number): number | null {
  if (!agg.state) return finalValue(agg.fn as SlotAggregateFn, slots, g);
  return agg.state.finish(objects[g] ?? agg.state.create());
}

/** Merges group `from` into `into` for every aggregate (`into` is the earlier group, see mergeAccumulator). */
export function mergeAggregates(
  aggs: readonly AggregateSpec[],
  slots: readonly (readonly Float64Array[])[],
  objects: readonly unknown[][],
  into: number,
  from: number,
  compareFor: (agg: AggregateSpec) => ((a: number, b: number) => number) | null,
): void {
  aggs.forEach((a, j) => {
    if (!a.state) {
      mergeAccumulator(a.fn as SlotAggregateFn, slots[j], into, from, compareFor(a));
      return;
    }
    const states = objects[j];
    const other = states[from];
    if (other === undefined) return;
    if (states[into] === undefined) states[into] = other;
    else a.state.merge(states[into], other);
    states[from] = undefined;
  });
}

/** A descriptor-defined aggregate's state as checkpoint bytes (null = no state). */
export function encodeObject(agg: AggregateSpec, state: unknown): Uint8Array | null {
  return agg.state && state !== undefined ? agg.state.encode(state) : null;
}

export function decodeObject(agg: AggregateSpec, bytes: Uint8Array | null): unknown {
  return agg.state && bytes !== null ? agg.state.decode(bytes) : undefined;
}
