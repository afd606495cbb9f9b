// State snapshots as Arrow IPC: named float64 columns (with nulls) or utf8 columns.
import {
  Field as ArrowField,
  Float64,
  Schema as ArrowSchema,
  Table,
  Utf8,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import { EngineError } from '../errors/engine-error';

export type StateColumn =
  | { readonly name: string; readonly kind: 'float'; readonly values: Float64Array; readonly nulls: Uint8Array | null }
  | { readonly name: string; readonly kind: 'string'; readonly values: readonly (string | null)[] };

export function encodeState(columns: readonly StateColumn[], length: number): Uint8Array {
  const fields = columns.map((c) => new ArrowField(c.name, c.kind === 'float' ? new Float64() : new Utf8(), true));
  const vectors = columns.map((c) => {
    if (c.kind === 'string') return vectorFromArray(c.values as (string | null)[], new Utf8());
    let nullBitmap: Uint8Array | undefined;
    let nullCount = 0;
    if (c.nulls) {
      nullBitmap = new Uint8Array((length + 7) >> 3);
      for (let i = 0; i < length; i++) {
        if (c.nulls[i]) nullCount++;
        else nullBitmap[i >> 3] |= 1 << (i & 7);
      }
    }
    return makeVector(makeData({ type: new Float64(), length, data: c.values.subarray(0, length), nullBitmap, nullCount }));
  });
  const table = new Table(new ArrowSchema(fields), Object.fromEntries(columns.map((c, i) => [c.name, vectors[i]])));
  return tableToIPC(table, 'file');
}

export interface DecodedState {
  readonly length: number;
  float(name: string): { values: Float64Array; nulls: Uint8Array | null };
  strings(name: string): (string | null)[];
}

export function decodeState(bytes: Uint8Array): DecodedState {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    throw new EngineError('CHECKPOINT_CORRUPT', 'cannot read a state snapshot', { cause: error });
  }
  const column = (name: string) => {
    const vector = table.getChild(name);
    if (!vector) throw new EngineError('CHECKPOINT_CORRUPT', `state snapshot has no column '${name}' (the query changed?)`);
    return vector;
  };
  return {
    length: table.numRows,
    float(name) {
      const vector = column(name);
      const values = new Float64Array(table.numRows);
      const nulls = vector.nullCount ? new Uint8Array(table.numRows) : null;
      for (let i = 0; i < table.numRows; i++) {
        const v = vector.get(i) as number | null;
        if (v === null) (nulls as Uint8Array)[i] = 1;
        else values[i] = v;
      }
      return { values, nulls };
    },
    strings(name) {
      const vector = column(name);
      return Array.from({ length: table.numRows }, (_, i) => vector.get(i) as string | null);
    },
  };
}
