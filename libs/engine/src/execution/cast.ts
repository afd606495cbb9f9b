// cast(): conversions between engine types, per dictionary entry for strings.
import { EngineError } from '../errors/engine-error';
import { type ColumnData, boolColumn, numberColumn, stringColumn } from '../columnar/column-data';
import { type DataType, isNumericType, sameType, typeToString } from '../types/data-type';
import { parseTimestampText } from '../types/timestamp-text';
import { checkRange } from '../types/value-range';

function parseNumber(s: string, to: DataType): number | null {
  if (to === 'timestamp') {
    const ms = parseTimestampText(s.trim());
    return Number.isNaN(ms) ? null : ms;
  }
  const v = Number(s.trim());
  if (s.trim() === '' || Number.isNaN(v)) return null;
  return to === 'double' ? v : Math.trunc(v);
}

export function castColumn(column: ColumnData, from: DataType, to: DataType): ColumnData {
  if (sameType(from, to)) return column;
  const fail = () => {
    throw new EngineError('TYPE_MISMATCH', `cannot cast ${typeToString(from)} to ${typeToString(to)}`);
  };
  if (column.kind === 'string') {
    const n = column.codes.length;
    if (isNumericType(to) || to === 'boolean') {
      const parsed = column.dict.map((s) =>
        to === 'boolean' ? (s.toLowerCase() === 'true' ? 1 : s.toLowerCase() === 'false' ? 0 : null) : parseNumber(s, to),
      );
      const out = to === 'boolean' ? new Uint8Array(n) : new Float64Array(n);
      const valid = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const c = column.codes[i];
        const v = c >= 0 ? parsed[c] : null;
        if (v !== null) {
          out[i] = v;
          valid[i] = 1;
        }
      }
      if (to === 'boolean') return boolColumn(out as Uint8Array, valid);
      checkRange(out, valid, n, to, `cast to ${typeToString(to)}`);
      return numberColumn(out as Float64Array, valid);
    }
    return fail();
  }
  if (column.kind === 'number' || column.kind === 'bool') {
    const n = column.values.length;
    if (to === 'string') {
      const dict: string[] = [];
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        if (column.valid && !column.valid[i]) codes[i] = -1;
        else {
          const v = column.values[i];
          codes[i] = dict.length;
          dict.push(from === 'timestamp' ? new Date(v).toISOString() : from === 'boolean' ? String(v === 1) : String(v));
        }
      }
      return stringColumn(codes, dict);
    }
    if (to === 'boolean') {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = column.values[i] !== 0 ? 1 : 0;
      return boolColumn(out, column.valid);
    }
    if (isNumericType(to)) {
      const out = new Float64Array(n);
      const integral = to === 'int' || to === 'long';
      for (let i = 0; i < n; i++) out[i] = integral ? Math.trunc(column.values[i]) : column.values[i];
      checkRange(out, column.valid, n, to, `cast to ${typeToString(to)}`);
      return numberColumn(out, column.valid);
    }
  }
  return fail();
}
