// Checkpointing of aggregation state: per partition, either a full snapshot or a delta (groups
// changed in the batch, plus keys evicted in it). Restoring applies a chain: a full snapshot, then
// the deltas after it, oldest first.
import { type StateColumn, decodeState, encodeState } from '../state/state-codec';
import { decodeObject, encodeObject } from './aggregate-set';
import type { AggregationState } from './aggregation-state';
import type { KeyValue, StatePartitioning } from './key-encoding';

export interface EvictedKeys {
  readonly keys: readonly Float64Array[];
  readonly nulls: readonly (Uint8Array | null)[];
  readonly length: number;
}

export interface AggregationDelta {
  /** Surviving groups that changed in the batch (current ids). */
  readonly changed: Int32Array;
  readonly evicted: EvictedKeys;
}

/** Partition of each row, from the non-window key parts (a key's windows stay together). */
function partitionsOf(
  state: AggregationState,
  keys: readonly Float64Array[],
  nulls: readonly (Uint8Array | null)[],
  rows: Int32Array | null,
  length: number,
  partitioning: StatePartitioning,
): Int32Array {
  const out = new Int32Array(length);
  if (partitioning.numPartitions <= 1) return out;
  const parts = state.keys.flatMap((key, c) => (key.type === 'window' ? [] : [c]));
  for (let i = 0; i < length; i++) {
    const g = rows ? rows[i] : i;
    out[i] = partitioning.partitionOf(
      parts.map((c): KeyValue => {
        const type = state.keys[c].type;
        if (nulls[c]?.[g]) return null;
        const v = keys[c][g];
        return type === 'string' ? (v < 0 ? null : state.dict.strings[v]) : type === 'boolean' ? v === 1 : v;
      }),
    );
  }
  return out;
}

const gatherF = (src: Float64Array, rows: Int32Array): Float64Array => {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = src[rows[i]];
  return out;
};

/** Columns: op (1 upsert, 0 delete), k<c> keys, a<j>_<s> accumulator slots, a<j> object states (bytes). */
function columnsFor(state: AggregationState, upserts: Int32Array, evicted: EvictedKeys, evictedRows: Int32Array): StateColumn[] {
  const n = upserts.length + evictedRows.length;
  const op = new Float64Array(n);
  op.fill(1, 0, upserts.length);
  const columns: StateColumn[] = [{ name: 'op', kind: 'float', values: op, nulls: null }];
  state.keys.forEach((key, c) => {
    const live = gatherF(state.table.keys[c], upserts);
    const dead = gatherF(evicted.keys[c] ?? new Float64Array(0), evictedRows);
    const values = new Float64Array(n);
    values.set(live);
    values.set(dead, upserts.length);
    const tn = state.table.nulls[c];
    const en = evicted.nulls[c];
    let nulls: Uint8Array | null = null;
    if (tn || en) {
      nulls = new Uint8Array(n);
      if (tn) for (let i = 0; i < upserts.length; i++) nulls[i] = tn[upserts[i]];
      if (en) for (let i = 0; i < evictedRows.length; i++) nulls[upserts.length + i] = en[evictedRows[i]];
    }
    if (key.type === 'string') columns.push({ name: `k${c}`, kind: 'codes', codes: Int32Array.from(values), dict: state.dict.strings });
    else columns.push({ name: `k${c}`, kind: 'float', values, nulls });
  });
  state.slots.forEach((group, j) =>
    group.forEach((slot, s) => {
      const values = new Float64Array(n);
      values.set(gatherF(slot, upserts));
      if (state.isStringSlot(j, s)) {
        const codes = Int32Array.from(values);
        const flags = gatherF(group[1], upserts);
        for (let i = 0; i < n; i++)
          if (i >= upserts.length || flags[i] === 0 || (flags[i] === 1 && (state.aggs[j].fn === 'first' || state.aggs[j].fn === 'last'))) codes[i] = -1;
        columns.push({ name: `a${j}_${s}`, kind: 'codes', codes, dict: state.dict.strings });
      } else columns.push({ name: `a${j}_${s}`, kind: 'float', values, nulls: null });
    }),
  );
  state.aggs.forEach((agg, j) => {
    if (!agg.state) return;
    const states = state.objects[j];
    const values = Array.from({ length: n }, (_, i) => (i < upserts.length ? encodeObject(agg, states[upserts[i]]) : null));
    columns.push({ name: `a${j}`, kind: 'binary', values });
  });
  return columns;
}

export function snapshotAggregation(state: AggregationState, partitioning: StatePartitioning, delta: AggregationDelta | null): Uint8Array[] {
  const numPartitions = partitioning.numPartitions;
  const upserts = delta ? delta.changed : Int32Array.from({ length: state.size }, (_, g) => g);
  const evicted: EvictedKeys = delta ? delta.evicted : { keys: [], nulls: [], length: 0 };
  const livePart = partitionsOf(state, state.table.keys, state.table.nulls, upserts, upserts.length, partitioning);
  const deadPart = partitionsOf(state, evicted.keys, evicted.nulls, null, evicted.length, partitioning);
  return Array.from({ length: numPartitions }, (_, p) => {
    const live = numPartitions === 1 ? upserts : upserts.filter((_, i) => livePart[i] === p);
    const dead = Int32Array.from({ length: evicted.length }, (_, i) => i).filter((i) => deadPart[i] === p);
    return encodeState(columnsFor(state, live, evicted, dead), live.length + dead.length, delta ? 'delta' : 'full');
  });
}

/** Applies one partition's chain (full snapshot first, then deltas). */
export function restoreAggregation(state: AggregationState, chain: readonly Uint8Array[]): void {
  const deleted = new Set<number>();
  const intern = (text: string) => state.dict.intern(text);
  for (const bytes of chain) {
    const blob = decodeState(bytes);
    const n = blob.length;
    if (n === 0) continue;
    const op = blob.float('op').values;
    const keys: Float64Array[] = [];
    const nulls: (Uint8Array | null)[] = [];
    state.keys.forEach((key, c) => {
      if (key.type === 'string') {
        keys.push(blob.ids(`k${c}`, intern, -1));
        nulls.push(null);
      } else {
        const col = blob.float(`k${c}`);
        keys.push(col.values);
        nulls.push(col.nulls);
      }
    });
    const hashes = new Int32Array(n);
    state.hashRows(keys, nulls, hashes, n);
    state.table.reserve(n);
    const gids = new Int32Array(n);
    state.table.findOrInsert(keys, nulls, hashes, n, gids);
    state.slots.forEach((_, j) =>
      state.slots[j].forEach((__, s) => {
        const values = state.isStringSlot(j, s) ? blob.ids(`a${j}_${s}`, intern, 0) : blob.float(`a${j}_${s}`).values;
        const target = state.slots[j][s];
        for (let i = 0; i < n; i++) if (op[i] === 1) target[gids[i]] = values[i];
      }),
    );
    state.aggs.forEach((agg, j) => {
      if (!agg.state) return;
      const bytes = blob.binary(`a${j}`);
      const target = state.objects[j];
      for (let i = 0; i < n; i++) if (op[i] === 1) target[gids[i]] = decodeObject(agg, bytes[i]);
    });
    for (let i = 0; i < n; i++) {
      if (op[i] === 1) deleted.delete(gids[i]);
      else deleted.add(gids[i]);
    }
  }
  if (deleted.size) {
    const kept = Int32Array.from({ length: state.size }, (_, g) => g).filter((g) => !deleted.has(g));
    state.compact(kept);
  }
}
