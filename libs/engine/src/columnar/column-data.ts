// Columnar storage used by every physical operator. Numbers (int, long, double, timestamp ms) are
// float64 arrays, booleans bytes, strings dictionary codes (-1 = null) into a string list that may hold
// duplicates; structs hold child columns. `valid` is a byte per row (1 = not null), null = all valid.
import type { DataType } from '../types/data-type';

export interface NumberColumn {
  readonly kind: 'number';
  readonly values: Float64Array;
  readonly valid: Uint8Array | null;
}
export interface BoolColumn {
  readonly kind: 'bool';
  readonly values: Uint8Array;
  readonly valid: Uint8Array | null;
}
export interface StringColumn {
  readonly kind: 'string';
  readonly codes: Int32Array;
  readonly dict: readonly string[];
}
export interface StructColumn {
  readonly kind: 'struct';
  readonly children: readonly ColumnData[];
  readonly valid: Uint8Array | null;
}
export type ColumnData = NumberColumn | BoolColumn | StringColumn | StructColumn;

export const numberColumn = (values: Float64Array, valid: Uint8Array | null = null): NumberColumn => ({
  kind: 'number',
  values,
  valid,
});
export const boolColumn = (values: Uint8Array, valid: Uint8Array | null = null): BoolColumn => ({
  kind: 'bool',
  values,
  valid,
});
export const stringColumn = (codes: Int32Array, dict: readonly string[]): StringColumn => ({
  kind: 'string',
  codes,
  dict,
});
export const structColumn = (children: readonly ColumnData[], valid: Uint8Array | null = null): StructColumn => ({
  kind: 'struct',
  children,
  valid,
});

export function columnLength(column: ColumnData): number {
  switch (column.kind) {
    case 'number':
    case 'bool':
      return column.values.length;
    case 'string':
      return column.codes.length;
    case 'struct':
      return column.children.length ? columnLength(column.children[0]) : (column.valid?.length ?? 0);
  }
}

export function isValidAt(column: ColumnData, row: number): boolean {
  if (column.kind === 'string') return column.codes[row] >= 0;
  return column.valid === null || column.valid[row] === 1;
}

/** A column of `length` nulls of the given type. */
export function nullColumn(type: DataType, length: number): ColumnData {
  if (type === 'string') return stringColumn(new Int32Array(length).fill(-1), []);
  if (type === 'boolean') return boolColumn(new Uint8Array(length), new Uint8Array(length));
  if (typeof type === 'string') return numberColumn(new Float64Array(length), new Uint8Array(length));
  return structColumn(
    type.fields.map((f) => nullColumn(f.type, length)),
    new Uint8Array(length),
  );
}

/** Rows at `indices` (in that order). */
export function gatherColumn(column: ColumnData, indices: Int32Array): ColumnData {
  const n = indices.length;
  const gatherValid = (valid: Uint8Array | null): Uint8Array | null => {
    if (!valid) return null;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = valid[indices[i]];
    return out;
  };
  switch (column.kind) {
    case 'number': {
      const out = new Float64Array(n);
      const src = column.values;
      for (let i = 0; i < n; i++) out[i] = src[indices[i]];
      return numberColumn(out, gatherValid(column.valid));
    }
    case 'bool': {
      const out = new Uint8Array(n);
      const src = column.values;
      for (let i = 0; i < n; i++) out[i] = src[indices[i]];
      return boolColumn(out, gatherValid(column.valid));
    }
    case 'string': {
      const out = new Int32Array(n);
      const src = column.codes;
      for (let i = 0; i < n; i++) out[i] = src[indices[i]];
      return stringColumn(out, column.dict);
    }
    case 'struct':
      return structColumn(
        column.children.map((c) => gatherColumn(c, indices)),
        gatherValid(column.valid),
      );
  }
}

/** Like gather, but index -1 yields null (left outer join). */
export function gatherColumnOrNull(column: ColumnData, indices: Int32Array): ColumnData {
  const n = indices.length;
  const safe = new Int32Array(n);
  const valid = new Uint8Array(n);
  let anyNull = false;
  for (let i = 0; i < n; i++) {
    const idx = indices[i];
    if (idx < 0) anyNull = true;
    else {
      safe[i] = idx;
      valid[i] = 1;
    }
  }
  const gathered = gatherColumn(column, safe);
  if (!anyNull) return gathered;
  return withNulls(gathered, valid);
}

/** Marks rows with mask[i] === 0 as null (combined with existing nulls). */
export function withNulls(column: ColumnData, mask: Uint8Array): ColumnData {
  const n = mask.length;
  const combine = (valid: Uint8Array | null): Uint8Array => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = mask[i] & (valid ? valid[i] : 1);
    return out;
  };
  switch (column.kind) {
    case 'number':
      return numberColumn(column.values, combine(column.valid));
    case 'bool':
      return boolColumn(column.values, combine(column.valid));
    case 'string': {
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) codes[i] = mask[i] ? column.codes[i] : -1;
      return stringColumn(codes, column.dict);
    }
    case 'struct':
      return structColumn(column.children, combine(column.valid));
  }
}

export function sliceColumn(column: ColumnData, start: number, end: number): ColumnData {
  switch (column.kind) {
    case 'number':
      return numberColumn(column.values.subarray(start, end), column.valid?.subarray(start, end) ?? null);
    case 'bool':
      return boolColumn(column.values.subarray(start, end), column.valid?.subarray(start, end) ?? null);
    case 'string':
      return stringColumn(column.codes.subarray(start, end), column.dict);
    case 'struct':
      return structColumn(
        column.children.map((c) => sliceColumn(c, start, end)),
        column.valid?.subarray(start, end) ?? null,
      );
  }
}

/** Concatenates columns of the same type. */
export function concatColumns(columns: readonly ColumnData[]): ColumnData {
  if (columns.length === 1) return columns[0];
  const total = columns.reduce((sum, c) => sum + columnLength(c), 0);
  const first = columns[0];
  const concatValid = (valids: (Uint8Array | null)[], lengths: number[]): Uint8Array | null => {
    if (valids.every((v) => v === null)) return null;
    const out = new Uint8Array(total);
    let at = 0;
    valids.forEach((v, i) => {
      if (v) out.set(v, at);
      else out.fill(1, at, at + lengths[i]);
      at += lengths[i];
    });
    return out;
  };
  const lengths = columns.map(columnLength);
  switch (first.kind) {
    case 'number': {
      const out = new Float64Array(total);
      let at = 0;
      for (const c of columns as NumberColumn[]) {
        out.set(c.values, at);
        at += c.values.length;
      }
      return numberColumn(
        out,
        concatValid(
          (columns as NumberColumn[]).map((c) => c.valid),
          lengths,
        ),
      );
    }
    case 'bool': {
      const out = new Uint8Array(total);
      let at = 0;
      for (const c of columns as BoolColumn[]) {
        out.set(c.values, at);
        at += c.values.length;
      }
      return boolColumn(
        out,
        concatValid(
          (columns as BoolColumn[]).map((c) => c.valid),
          lengths,
        ),
      );
    }
    case 'string': {
      const out = new Int32Array(total);
      const dicts = new Map<readonly string[], number>();
      const dict: string[] = [];
      let at = 0;
      for (const c of columns as StringColumn[]) {
        let offset = dicts.get(c.dict);
        if (offset === undefined) {
          offset = dict.length;
          dicts.set(c.dict, offset);
          for (const s of c.dict) dict.push(s);
        }
        for (let i = 0; i < c.codes.length; i++) out[at + i] = c.codes[i] < 0 ? -1 : c.codes[i] + offset;
        at += c.codes.length;
      }
      return stringColumn(out, dict);
    }
    case 'struct': {
      const structs = columns as StructColumn[];
      return structColumn(
        first.children.map((_, k) => concatColumns(structs.map((c) => c.children[k]))),
        concatValid(
          structs.map((c) => c.valid),
          lengths,
        ),
      );
    }
  }
}
