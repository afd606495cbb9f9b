// Aggregates defined by a descriptor: argument check and result type, a per-group state object,
// update from a column, merge of two states (session windows, partial aggregation), finish to the
// output value, and the state's bytes for checkpoints. The operators hold such states in a per-group
// object column and never special-case a descriptor. (sum/count/avg/min/max/first/last keep their
// fixed float64 slots in execution/accumulators.ts: the hot paths.)
import type { ColumnData } from '../columnar/column-data';
import { EngineError } from '../errors/engine-error';
import type { DataType } from '../types/data-type';

/** A non-null argument value: numbers (int, long, double, timestamp ms), booleans as 0/1, strings. */
export type AggregateValue = number | string;

/** One aggregate with its argument type and parameters fixed: the state's life cycle. */
export interface GroupAggregate<S = unknown> {
  /** An empty state (no rows). */
  create(): S;
  /** Folds row i of `column` into `states[gids[i]]` (created when missing); rows with gid < 0 are skipped. */
  update(states: (S | undefined)[], gids: Int32Array, n: number, column: ColumnData): void;
  /** Folds `from` into `into` (the result is in `into`; `from` is not used again). */
  merge(into: S, from: S): void;
  /** The output value (null = SQL null). */
  finish(state: S): number | null;
  encode(state: S): Uint8Array;
  decode(bytes: Uint8Array): S;
}

export interface AggregateDescriptor {
  readonly name: string;
  /** The result type for this argument type and parameters; throws TYPE_MISMATCH / INVALID_ARGUMENT. */
  resultType(argType: DataType, params: readonly number[]): DataType;
  bind(argType: DataType, params: readonly number[]): GroupAggregate;
}

/** Calls `add(g, value)` for each row with a group (gid >= 0) and a non-null value. */
export function forEachValue(column: ColumnData, gids: Int32Array, n: number, add: (g: number, value: AggregateValue) => void): void {
  switch (column.kind) {
    case 'number':
    case 'bool': {
      const { values, valid } = column;
      for (let i = 0; i < n; i++) if (gids[i] >= 0 && (valid === null || valid[i] === 1)) add(gids[i], values[i]);
      return;
    }
    case 'string': {
      const { codes, dict } = column;
      for (let i = 0; i < n; i++) if (gids[i] >= 0 && codes[i] >= 0) add(gids[i], dict[codes[i]]);
      return;
    }
    case 'struct':
      throw new EngineError('TYPE_MISMATCH', 'an aggregate argument cannot be a struct');
  }
}

/** `update` of a descriptor whose state takes one value at a time. */
export function updateByValue<S>(create: () => S, add: (state: S, value: AggregateValue) => void) {
  return (states: (S | undefined)[], gids: Int32Array, n: number, column: ColumnData): void =>
    forEachValue(column, gids, n, (g, value) => {
      let state = states[g];
      if (state === undefined) state = states[g] = create();
      add(state, value);
    });
}

/** A state blob's bytes copied into an aligned buffer (typed-array views need alignment). */
export function aligned(bytes: Uint8Array, offset: number): ArrayBuffer {
  return bytes.slice(offset).buffer;
}
