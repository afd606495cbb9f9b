// Turns key columns into float64 key values for hashing: numbers as-is, booleans 0/1, strings as
// codes interned in the operator's dictionary (null = -1), plus a null mask for numbers/booleans.
import type { ColumnData } from '../columnar/column-data';
import type { StringDictionary } from '../columnar/string-dictionary';

export interface EncodedKey {
  values: Float64Array;
  nulls: Uint8Array | null;
}

export function encodeKey(column: ColumnData, dict: StringDictionary, n: number): EncodedKey {
  switch (column.kind) {
    case 'string':
      return { values: dict.encode(column, new Float64Array(n)), nulls: null };
    case 'number':
    case 'bool': {
      let nulls: Uint8Array | null = null;
      if (column.valid) {
        nulls = new Uint8Array(n);
        for (let i = 0; i < n; i++) nulls[i] = column.valid[i] ^ 1;
      }
      const values = column.kind === 'number' ? column.values : Float64Array.from(column.values);
      if (nulls === null) return { values, nulls };
      const clean = new Float64Array(n);
      for (let i = 0; i < n; i++) clean[i] = nulls[i] ? 0 : values[i];
      return { values: clean, nulls };
    }
    case 'struct':
      throw new Error('struct keys are rejected by analysis');
  }
}

/** Stable 32-bit hash of a string (FNV-1a), used to pick state partitions across processes. */
export function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export type KeyValue = string | number | boolean | null;

/**
 * Maps a grouping key (its non-window parts, in key order) to a state partition in
 * [0, numPartitions). Must be stable across processes; pluggable so state partitions can follow the
 * source's partitioning (e.g. Kafka partitions by SKU).
 */
export type StatePartitioner = (key: readonly KeyValue[], numPartitions: number) => number;

/** How a query splits its state: a fixed number of partitions and the key -> partition function. */
export interface StatePartitioning {
  readonly numPartitions: number;
  readonly partitionOf: (key: readonly KeyValue[]) => number;
}

/** Default partitioner: FNV-1a over the key's text form (strings by content, numbers by value). */
export function partitionOf(parts: readonly KeyValue[], numPartitions: number): number {
  if (numPartitions <= 1) return 0;
  let h = 17;
  for (const p of parts) {
    const ph = p === null ? 0 : typeof p === 'string' ? stringHash(p) : stringHash(String(p));
    h = (Math.imul(h, 31) + ph) >>> 0;
  }
  return h % numPartitions;
}
