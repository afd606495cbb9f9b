// State snapshots as Arrow IPC streams: float64 columns (with nulls), utf8 columns, binary columns
// (opaque per-row bytes, e.g. an aggregate's encoded sketch), and coded string
// columns (int32 codes, the strings used listed once in the schema metadata). A `kind` entry in the
// schema metadata tells full snapshots from deltas.
import {
  Binary,
  Field as ArrowField,
  Float64,
  Int32,
  Schema as ArrowSchema,
  Table,
  Utf8,
  type Vector,
  makeData,
  makeVector,
  tableFromIPC,
  tableToIPC,
} from 'apache-arrow';
import { EngineError } from '../errors/engine-error';
import { utf8Data } from '../columnar/arrow-export';

export type StateColumn =
  | { readonly name: string; readonly kind: 'float'; readonly values: Float64Array; readonly nulls: Uint8Array | null }
  | { readonly name: string; readonly kind: 'string'; readonly values: readonly (string | null)[] }
  | { readonly name: string; readonly kind: 'codes'; readonly codes: Int32Array; readonly dict: readonly string[] }
  | { readonly name: string; readonly kind: 'binary'; readonly values: readonly (Uint8Array | null)[] };

export type SnapshotKind = 'full' | 'delta';

function validityBits(nulls: Uint8Array | null, length: number): { nullBitmap?: Uint8Array; nullCount: number } {
  if (!nulls) return { nullCount: 0 };
  const nullBitmap = new Uint8Array((length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    if (nulls[i]) nullCount++;
    else nullBitmap[i >> 3] |= 1 << (i & 7);
  }
  return nullCount ? { nullBitmap, nullCount } : { nullCount: 0 };
}

const DICT_KEY = 'shelfstream.dictionary.';

function localCodes(codes: Int32Array, dict: readonly string[], length: number): { local: Int32Array; used: string[] } {
  const remap = new Int32Array(dict.length).fill(-1);
  const local = new Int32Array(length);
  const used: string[] = [];
  for (let i = 0; i < length; i++) {
    const code = codes[i];
    if (code < 0) {
      local[i] = -1;
      continue;
    }
    let mapped = remap[code];
    if (mapped < 0) {
      mapped = remap[code] = used.length;
      used.push(dict[code]);
    }
    local[i] = mapped;
  }
  return { local, used };
}

export function encodeState(columns: readonly StateColumn[], length: number, kind: SnapshotKind = 'full'): Uint8Array {
  const fields: ArrowField[] = [];
  const vectors: Vector[] = [];
  const metadata = new Map<string, string>([['kind', kind]]);
  for (const c of columns) {
    if (c.kind === 'float') {
      fields.push(new ArrowField(c.name, new Float64(), true));
      vectors.push(makeVector(makeData({ type: new Float64(), length, data: c.values.subarray(0, length), ...validityBits(c.nulls, length) })));
    } else if (c.kind === 'binary') {
      fields.push(new ArrowField(c.name, new Binary(), true));
      vectors.push(makeVector(binaryData(c.values, length)));
    } else if (c.kind === 'string') {
      fields.push(new ArrowField(c.name, new Utf8(), true));
      vectors.push(makeVector(utf8Data(c.values)));
    } else {
      // int32 codes into the strings this blob uses, listed in the schema metadata (-1 = null)
      const { local, used } = localCodes(c.codes, c.dict, length);
      fields.push(new ArrowField(c.name, new Int32(), true));
      metadata.set(`${DICT_KEY}${c.name}`, JSON.stringify(used));
      vectors.push(makeVector(makeData({ type: new Int32(), length, data: local })));
    }
  }
  const schema = new ArrowSchema(fields, metadata);
  const table = new Table(schema, Object.fromEntries(columns.map((c, i) => [c.name, vectors[i]])));
  return tableToIPC(table, 'stream');
}

/** Arrow Binary data: int32 offsets into one concatenated value buffer, a validity bitmap for nulls. */
function binaryData(values: readonly (Uint8Array | null)[], length: number) {
  const valueOffsets = new Int32Array(length + 1);
  const nulls = new Uint8Array(length);
  let total = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v === null) nulls[i] = 1;
    else total += v.length;
    valueOffsets[i + 1] = total;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (v !== null) data.set(v, valueOffsets[i]);
  }
  return makeData({ type: new Binary(), length, valueOffsets, data, ...validityBits(nulls, length) });
}

export interface DecodedState {
  readonly kind: SnapshotKind;
  readonly length: number;
  float(name: string): { values: Float64Array; nulls: Uint8Array | null };
  strings(name: string): (string | null)[];
  /** A binary column's values (copies; null where null). */
  binary(name: string): (Uint8Array | null)[];
  /** A string column as ids from `intern` (`nullId` for null), each distinct string interned once. */
  ids(name: string, intern: (text: string) => number, nullId: number): Float64Array;
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
  const length = table.numRows;
  return {
    kind: (table.schema.metadata.get('kind') ?? 'full') as SnapshotKind,
    length,
    float(name) {
      const vector = column(name);
      const values = new Float64Array(length);
      const nulls = vector.nullCount ? new Uint8Array(length) : null;
      let at = 0;
      for (const data of vector.data) {
        values.set((data.values as Float64Array).subarray(0, data.length), at);
        if (nulls && data.nullCount) for (let i = 0; i < data.length; i++) nulls[at + i] = data.getValid(i) ? 0 : 1;
        at += data.length;
      }
      return { values, nulls };
    },
    ids(name, intern, nullId) {
      const vector = column(name);
      const out = new Float64Array(length);
      const dictJson = table.schema.metadata.get(`${DICT_KEY}${name}`);
      if (dictJson === undefined) {
        for (let i = 0; i < length; i++) {
          const text = vector.get(i) as string | null;
          out[i] = text === null ? nullId : intern(text);
        }
        return out;
      }
      const ids = (JSON.parse(dictJson) as string[]).map(intern);
      let at = 0;
      for (const data of vector.data) {
        const codes = data.values as Int32Array;
        for (let i = 0; i < data.length; i++) out[at + i] = codes[i] < 0 ? nullId : ids[codes[i]];
        at += data.length;
      }
      return out;
    },
    binary(name) {
      const vector = column(name);
      return Array.from({ length }, (_, i) => {
        const value = vector.get(i) as Uint8Array | null;
        return value === null ? null : Uint8Array.from(value);
      });
    },
    strings(name) {
      const vector = column(name);
      const dictJson = table.schema.metadata.get(`${DICT_KEY}${name}`);
      if (dictJson === undefined) return Array.from({ length }, (_, i) => (vector.get(i) as string | null) ?? null);
      const dict = JSON.parse(dictJson) as string[];
      return Array.from({ length }, (_, i) => {
        const code = vector.get(i) as number;
        return code < 0 ? null : dict[code];
      });
    },
  };
}
