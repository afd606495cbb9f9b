// Turns a record's raw bytes into typed values for a schema, or a reason code (the same codes as
// the domain's validation: BAD_ENCODING, BAD_JSON, NOT_AN_OBJECT, MISSING_FIELD, WRONG_TYPE, ...).
import { type DataType, type Schema, Type } from 'apache-arrow';

export type ParseResult =
  | { readonly ok: true; readonly value: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly code: string; readonly message: string };

export type RecordParser = (raw: Uint8Array | null) => ParseResult;

export interface ParseJsonOptions {
  /** Extra checks on the parsed object (a domain rule); return a failure to dead-letter the record. */
  readonly validate?: (value: Readonly<Record<string, unknown>>) => { code: string; message: string } | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const fail = (code: string, message: string): ParseResult => ({ ok: false, code, message });

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
      if (typeof v === 'string' && ISO_WITH_ZONE.test(v)) {
        const ms = Date.parse(v);
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
    let text: string;
    try {
      text = utf8.decode(raw);
    } catch {
      return fail('BAD_ENCODING', 'record is not valid UTF-8');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return fail('BAD_JSON', `not JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return fail('NOT_AN_OBJECT', `expected a JSON object, got ${Array.isArray(parsed) ? 'array' : parsed === null ? 'null' : typeof parsed}`);
    }
    const source = parsed as Record<string, unknown>;
    const value: Record<string, unknown> = {};
    for (const f of fields) {
      const v = source[f.name];
      if (v === undefined || v === null) {
        if (!f.nullable) return fail('MISSING_FIELD', `missing field "${f.name}"`);
        value[f.name] = null;
        continue;
      }
      const c = coerce(f.type, v);
      if (c === undefined) return fail('WRONG_TYPE', `field "${f.name}" should be ${String(f.type)}, got ${JSON.stringify(v).slice(0, 60)}`);
      value[f.name] = c;
    }
    const problem = options.validate?.(value);
    return problem ? fail(problem.code, problem.message) : { ok: true, value };
  };
}
