// Turns a record's raw bytes into typed values for a schema, or a reason code (the same codes as
// the domain's validation: BAD_ENCODING, BAD_JSON, NOT_AN_OBJECT, MISSING_FIELD, WRONG_TYPE, ...).
import { isUtf8 } from 'node:buffer';
import { type DataType, type Schema, Type } from 'apache-arrow';
import { parseTimestampText } from '@shelfstream/engine';

export type ParseResult =
  { readonly ok: true; readonly value: Readonly<Record<string, unknown>> } | { readonly ok: false; readonly code: string; readonly message: string };

/** Facts of the record beside its bytes: its Kafka timestamp (the time it was received). */
export interface RecordMeta {
  readonly timestampMs: number;
}

export type RecordParser = (raw: Uint8Array | null, meta?: RecordMeta) => ParseResult;

export interface ParseJsonOptions {
  /** Extra checks on the parsed object (a domain rule); return a failure to dead-letter the record. */
  readonly validate?: (value: Readonly<Record<string, unknown>>) => { code: string; message: string } | undefined;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const fail = (code: string, message: string): ParseResult => ({ ok: false, code, message });

const digits = (s: string, from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
};

/** Epoch ms of an ISO-8601 time with a zone; the common `YYYY-MM-DDTHH:MM:SS.sssZ` without Date.parse. */
export function parseIsoTime(s: string): number {
  if (s.length === 24 && s.charCodeAt(23) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */ && s.charCodeAt(19) === 46) {
    const [month, day, hour, minute, second] = [digits(s, 5, 7), digits(s, 8, 10), digits(s, 11, 13), digits(s, 14, 16), digits(s, 17, 19)];
    // ranges checked here; anything unusual is left to the full parser
    if (month >= 1 && month <= 12 && day >= 1 && day <= 28 && hour <= 23 && minute <= 59 && second <= 59) {
      const ms = Date.UTC(digits(s, 0, 4), month - 1, day, hour, minute, second, digits(s, 20, 23));
      if (!Number.isNaN(ms)) return ms;
    }
  }
  return ISO_WITH_ZONE.test(s) ? parseTimestampText(s) : NaN;
}

/** A value of `type`, or undefined when it does not fit. */
function coerce(type: DataType, v: unknown): unknown {
  switch (type.typeId) {
    case Type.Utf8:
      return typeof v === 'string' ? v : undefined;
    case Type.Int: {
      if (typeof v !== 'number' || !Number.isInteger(v)) return undefined;
      return (type as DataType & { bitWidth: number }).bitWidth === 64 ? BigInt(v) : v >= -(2 ** 31) && v < 2 ** 31 ? v : undefined;
    }
    case Type.Float:
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    case Type.Bool:
      return typeof v === 'boolean' ? v : undefined;
    case Type.Timestamp:
    case Type.Date:
      if (typeof v === 'number' && Number.isFinite(v)) return v;
      if (typeof v === 'string') {
        const ms = parseIsoTime(v);
        return Number.isNaN(ms) ? undefined : ms;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Parses JSON objects into the schema's fields; non-nullable fields are required. */
export function parseJson(schema: Schema, options: ParseJsonOptions = {}): RecordParser {
  const fields = schema.fields;
  return (raw) => {
    if (raw === null || raw.byteLength === 0) return fail('BAD_JSON', 'empty record');
    if (!isUtf8(raw)) return fail('BAD_ENCODING', 'record is not valid UTF-8');
    const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return fail('BAD_JSON', `not JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return fail('NOT_AN_OBJECT', `expected a JSON object, got ${Array.isArray(parsed) ? 'array' : parsed === null ? 'null' : typeof parsed}`);
    }
    // coerced in place: the parsed object is ours (no second object per record)
    const value = parsed as Record<string, unknown>;
    for (const f of fields) {
      const v = value[f.name];
      if (v === undefined || v === null) {
        if (!f.nullable) return fail('MISSING_FIELD', `missing field "${f.name}"`);
        value[f.name] = null;
        continue;
      }
      const c = coerce(f.type, v);
      if (c === undefined) return fail('WRONG_TYPE', `field "${f.name}" should be ${String(f.type)}, got ${JSON.stringify(v).slice(0, 60)}`);
      if (c !== v) value[f.name] = c;
    }
    const problem = options.validate?.(value);
    return problem ? fail(problem.code, problem.message) : { ok: true, value };
  };
}
