// State of a stream-stream join: per side, the rows seen so far grouped by join key, each with the
// event time at which the watermark evicts it and whether it has joined (left outer emits the
// unmatched ones with nulls on eviction). Checkpointed as full snapshots, one blob per partition.
import { type StateColumn, decodeState, encodeState } from '../state/state-codec';
import { type DataType, type StructType, isNumericType, isStruct } from '../types/data-type';
import type { KeyValue, StatePartitioning } from './key-encoding';

export interface StoredRow {
  /** The row's values in its side's column order (plain JS, as `cellValue` gives them). */
  readonly values: readonly unknown[];
  /** Evicted once the watermark reaches this event time (Infinity: kept for good). */
  readonly evictAt: number;
  matched: boolean;
}

interface KeyGroup {
  readonly key: readonly KeyValue[];
  rows: StoredRow[];
}

export class JoinSideState {
  private readonly groups = new Map<string, KeyGroup>();
  private count = 0;
  private lowest = Infinity;

  get size(): number {
    return this.count;
  }
  /** The earliest eviction time held (Infinity when nothing can be evicted). */
  get lowestEvictAt(): number {
    return this.lowest;
  }

  rowsOf(keyId: string): readonly StoredRow[] {
    return this.groups.get(keyId)?.rows ?? [];
  }

  add(keyId: string, key: readonly KeyValue[], row: StoredRow): void {
    const group = this.groups.get(keyId);
    if (group) group.rows.push(row);
    else this.groups.set(keyId, { key, rows: [row] });
    this.count++;
    if (row.evictAt < this.lowest) this.lowest = row.evictAt;
  }

  /** Removes and returns the rows whose eviction time is at or before `watermarkMs`. */
  evict(watermarkMs: number): StoredRow[] {
    const removed: StoredRow[] = [];
    if (this.lowest > watermarkMs) return removed;
    this.lowest = Infinity;
    for (const [id, group] of this.groups) {
      const kept = group.rows.filter((row) => {
        if (row.evictAt > watermarkMs) {
          if (row.evictAt < this.lowest) this.lowest = row.evictAt;
          return true;
        }
        removed.push(row);
        return false;
      });
      if (kept.length === 0) this.groups.delete(id);
      else group.rows = kept;
    }
    this.count -= removed.length;
    return removed;
  }

  *entries(): Iterable<[string, KeyGroup, StoredRow]> {
    for (const [id, group] of this.groups) for (const row of group.rows) yield [id, group, row];
  }
}

/** Values of one column as a state column (numbers and booleans as float64, text and structs as strings). */
function valueColumn(name: string, type: DataType, values: readonly unknown[]): StateColumn {
  if (type === 'string') return { name, kind: 'string', values: values.map((v) => (v ?? null) as string | null) };
  if (isStruct(type)) return { name, kind: 'string', values: values.map((v) => (v === null || v === undefined ? null : JSON.stringify(v))) };
  const nulls = Uint8Array.from(values, (v) => (v === null || v === undefined ? 1 : 0));
  return { name, kind: 'float', values: Float64Array.from(values, (v) => (typeof v === 'boolean' ? Number(v) : ((v as number | null) ?? 0))), nulls };
}

function readValues(blob: ReturnType<typeof decodeState>, name: string, type: DataType): unknown[] {
  if (type === 'string') return blob.strings(name);
  if (isStruct(type)) return blob.strings(name).map((s) => (s === null ? null : (JSON.parse(s) as unknown)));
  const { values, nulls } = blob.float(name);
  return Array.from(values, (v, i) => (nulls?.[i] ? null : isNumericType(type) ? v : v === 1));
}

const columnName = (side: number, index: number): string => `${side === 0 ? 'l' : 'r'}${index}`;

/** One full snapshot per partition of both sides' rows (partitioned by join key). */
export function snapshotJoinState(sides: readonly JoinSideState[], schemas: readonly StructType[], partitioning: StatePartitioning): Uint8Array[] {
  const parts = Array.from({ length: partitioning.numPartitions }, () => [] as [number, string, StoredRow][]);
  sides.forEach((state, side) => {
    for (const [id, group, row] of state.entries()) {
      parts[partitioning.numPartitions <= 1 ? 0 : partitioning.partitionOf(group.key)].push([side, id, row]);
    }
  });
  return parts.map((rows) => {
    const columns: StateColumn[] = [
      { name: 'side', kind: 'float', values: Float64Array.from(rows, ([side]) => side), nulls: null },
      { name: 'key', kind: 'string', values: rows.map(([, id]) => id) },
      { name: 'evictAt', kind: 'float', values: Float64Array.from(rows, ([, , row]) => row.evictAt), nulls: null },
      { name: 'matched', kind: 'float', values: Float64Array.from(rows, ([, , row]) => Number(row.matched)), nulls: null },
    ];
    schemas.forEach((schema, side) =>
      schema.fields.forEach((f, c) =>
        columns.push(
          valueColumn(
            columnName(side, c),
            f.type,
            rows.map(([s, , row]) => (s === side ? row.values[c] : null)),
          ),
        ),
      ),
    );
    return encodeState(columns, rows.length);
  });
}

/** Loads one partition's snapshot into the sides; `keyOf` gives a row's key values. */
export function restoreJoinState(
  bytes: Uint8Array,
  sides: readonly JoinSideState[],
  schemas: readonly StructType[],
  keyOf: (side: number, values: readonly unknown[]) => KeyValue[],
): void {
  const blob = decodeState(bytes);
  if (blob.length === 0) return;
  const side = blob.float('side').values;
  const keys = blob.strings('key');
  const evictAt = blob.float('evictAt').values;
  const matched = blob.float('matched').values;
  const columns = schemas.map((schema, s) => schema.fields.map((f, c) => readValues(blob, columnName(s, c), f.type)));
  for (let i = 0; i < blob.length; i++) {
    const s = side[i];
    const values = columns[s].map((column) => column[i]);
    sides[s].add(keys[i] as string, keyOf(s, values), { values, evictAt: evictAt[i], matched: matched[i] === 1 });
  }
}
