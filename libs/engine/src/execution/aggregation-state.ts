// Hash-aggregation state: key table, accumulator slots (or object states) per group, dirty tracking, compaction,
// output columns and partitioned Arrow IPC snapshots.
import type { AggregateSpec } from '../analysis/analyzed-plan';
import { type ColumnData, numberColumn, structColumn } from '../columnar/column-data';
import { valueColumn } from './aggregate-columns';
import { StringDictionary } from '../columnar/string-dictionary';
import type { DataType } from '../types/data-type';
import { aggregateValue, newObjects, newSlots } from './aggregate-set';
import { KeyHashTable, mixHashes } from './key-hash-table';

export interface KeyDescriptor {
  /** Output type of the key column; 'window' keys hold the window start. */
  readonly type: DataType | 'window';
  readonly windowSizeMs: number;
}

export class AggregationState {
  readonly dict = new StringDictionary();
  readonly table: KeyHashTable;
  slots: Float64Array[][];
  /** Descriptor-defined aggregates: objects[j][g] is group g's state (empty for slot aggregates). */
  readonly objects: unknown[][];
  dirty: Uint8Array;
  dirtyList: number[] = [];
  /**
   * For windowed keys: group id of the same key in the previous window (start - slide), or -1 if not
   * known yet. Lets sliding-window passes follow a link instead of probing the hash table.
   */
  previousWindow: Int32Array;

  constructor(
    readonly keys: readonly KeyDescriptor[],
    readonly aggs: readonly AggregateSpec[],
  ) {
    this.table = new KeyHashTable(keys.length);
    const capacity = this.table.groupCapacity;
    this.slots = newSlots(aggs, capacity);
    this.objects = newObjects(aggs);
    this.dirty = new Uint8Array(capacity);
    this.previousWindow = new Int32Array(capacity).fill(-1);
    this.table.onGrow = (cap) => {
      this.slots = this.slots.map((group) => group.map((s) => grow(s, cap)));
      this.dirty = grow(this.dirty, cap);
      const links = new Int32Array(cap).fill(-1);
      links.set(this.previousWindow);
      this.previousWindow = links;
    };
  }

  get size(): number {
    return this.table.size;
  }

  markDirty(gids: Int32Array, n: number): void {
    const dirty = this.dirty;
    for (let i = 0; i < n; i++) {
      const g = gids[i];
      if (g >= 0 && dirty[g] === 0) {
        dirty[g] = 1;
        this.dirtyList.push(g);
      }
    }
  }

  takeDirty(): Int32Array {
    const list = Int32Array.from(this.dirtyList);
    for (const g of this.dirtyList) this.dirty[g] = 0;
    this.dirtyList = [];
    return list;
  }

  /** Row hashes: non-window keys in order, then the window key (the operator mixes in that order). */
  hashRows(keys: readonly Float64Array[], nulls: readonly (Uint8Array | null)[], hashes: Int32Array, n: number): void {
    hashes.fill(0, 0, n);
    this.keys.forEach((k, c) => {
      if (k.type !== 'window') mixHashes(hashes, keys[c], nulls[c], n);
    });
    this.keys.forEach((k, c) => {
      if (k.type === 'window') mixHashes(hashes, keys[c], nulls[c], n);
    });
  }

  /** Window end (or timestamp) of each group's event-time key. */
  eventTimeOf(keyIndex: number, g: number): number {
    const key = this.keys[keyIndex];
    return this.table.keys[keyIndex][g] + (key.type === 'window' ? key.windowSizeMs : 0);
  }

  /** Drops every group not listed (kept ids, in order); returns old id -> new id (-1 = dropped). */
  compact(kept: Int32Array): Int32Array {
    const k = kept.length;
    const old = this.table.size;
    for (const group of this.slots) {
      for (const s of group) {
        for (let j = 0; j < k; j++) s[j] = s[kept[j]];
        s.fill(0, k, old);
      }
    }
    for (const states of this.objects) {
      if (states.length === 0) continue;
      for (let j = 0; j < k; j++) states[j] = states[kept[j]];
      states.length = k;
    }
    const remap = new Int32Array(old).fill(-1);
    for (let j = 0; j < k; j++) remap[kept[j]] = j;
    this.dirty.fill(0);
    this.dirtyList = [];
    this.table.compact(kept);
    // previous-window links survive with new ids (a link to an evicted group is dropped)
    const links = this.previousWindow;
    for (let j = 0; j < k; j++) {
      const link = links[kept[j]];
      links[j] = link >= 0 ? remap[link] : -1;
    }
    links.fill(-1, k);
    return remap;
  }

  /** Output columns (keys, then aggregates) for the listed groups. */
  columns(groups: Int32Array): ColumnData[] {
    const n = groups.length;
    const out: ColumnData[] = this.keys.map((key, c) => {
      const src = this.table.keys[c];
      const nulls = this.table.nulls[c];
      if (key.type === 'window') {
        const start = new Float64Array(n);
        const end = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          start[i] = src[groups[i]];
          end[i] = start[i] + key.windowSizeMs;
        }
        return structColumn([numberColumn(start), numberColumn(end)]);
      }
      return valueColumn(key.type, n, (i) => (nulls && nulls[groups[i]] ? null : src[groups[i]]), this.dict);
    });
    this.aggs.forEach((agg, j) => {
      out.push(valueColumn(agg.type, n, (i) => aggregateValue(agg, this.slots[j], this.objects[j], groups[i]), this.dict));
    });
    return out;
  }

  isStringSlot(j: number, s: number): boolean {
    const agg = this.aggs[j];
    return s === 0 && agg.type === 'string' && agg.fn !== 'count';
  }
}

function grow<T extends Float64Array | Uint8Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}
