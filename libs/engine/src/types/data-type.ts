// Engine data types and schemas. Timestamps are milliseconds since the epoch (UTC), held as float64
// internally and as Arrow Timestamp<MILLISECOND> at the edges; decimals are doubles.
import { EngineError } from '../errors/engine-error';

export type PrimitiveType = 'string' | 'int' | 'long' | 'double' | 'boolean' | 'timestamp';

/** Type-only brand carrying a schema's field map (never set at runtime). */
declare const fieldSpecs: unique symbol;

/**
 * A schema. `S` is the field map it was built from (`schema({ sku: 'string' })`), kept for the
 * compiler only (`RowOf`); a plain `StructType` is a schema whose columns are known at runtime only.
 */
export interface StructType<S extends SchemaSpec = SchemaSpec> {
  readonly kind: 'struct';
  readonly fields: readonly Field[];
  readonly [fieldSpecs]?: S;
}
export type DataType = PrimitiveType | StructType;

export interface Field {
  readonly name: string;
  readonly type: DataType;
  readonly nullable: boolean;
}

/** Type names accepted in schema definitions (Spark spellings included). */
export type TypeName = PrimitiveType | 'float' | 'decimal' | 'integer' | 'bigint' | 'bool' | 'str';

const ALIASES: Record<TypeName, PrimitiveType> = {
  string: 'string',
  str: 'string',
  int: 'int',
  integer: 'int',
  long: 'long',
  bigint: 'long',
  double: 'double',
  float: 'double',
  decimal: 'double',
  boolean: 'boolean',
  bool: 'boolean',
  timestamp: 'timestamp',
};

export type FieldSpec = TypeName | StructType | { type: TypeName | StructType; nullable?: boolean };
export type SchemaSpec = { readonly [name: string]: FieldSpec };

/** The JavaScript value of an engine type in collected rows (timestamps are ms numbers, longs numbers). */
export type ValueOf<T> = T extends 'string' | 'str'
  ? string
  : T extends 'int' | 'integer' | 'long' | 'bigint' | 'double' | 'float' | 'decimal' | 'timestamp'
    ? number
    : T extends 'boolean' | 'bool'
      ? boolean
      : T extends StructType<infer S>
        ? RowOf<S>
        : unknown;

type FieldValue<F> = F extends { readonly type: infer T; readonly nullable: false }
  ? ValueOf<T>
  : (F extends { readonly type: infer T } ? ValueOf<T> : ValueOf<F>) | null;

/**
 * The row type of a schema's field map: `RowOf<{ sku: 'string'; qty: { type: 'int'; nullable: false } }>` is
 * `{ sku: string | null; qty: number }`. An unknown map (plain `StructType`) gives `Record<string, unknown>`.
 */
export type RowOf<S extends SchemaSpec> = string extends keyof S ? Record<string, unknown> : { -readonly [K in keyof S]: FieldValue<S[K]> };

/** The row type of a schema. */
export type RowOfSchema<T> = T extends StructType<infer S> ? RowOf<S> : Record<string, unknown>;

export function toDataType(name: TypeName | DataType): DataType {
  if (typeof name !== 'string') return name;
  const type = ALIASES[name];
  if (!type) throw new EngineError('INVALID_SCHEMA', `unknown type '${name}'`);
  return type;
}

export function structType(fields: readonly Field[]): StructType {
  const seen = new Set<string>();
  for (const field of fields) {
    if (!field.name) throw new EngineError('INVALID_SCHEMA', 'field names must be non-empty');
    if (seen.has(field.name)) throw new EngineError('DUPLICATE_COLUMN', `duplicate column '${field.name}'`);
    seen.add(field.name);
  }
  return Object.freeze({ kind: 'struct', fields: Object.freeze(fields.map((f) => Object.freeze({ ...f }))) });
}

/** `schema({ sku: 'string', qty: 'int', ts: { type: 'timestamp', nullable: false } })` */
export function schema<const S extends SchemaSpec>(spec: S): StructType<S> {
  return structType(
    Object.entries(spec).map(([name, value]) => {
      if (typeof value === 'string' || (value as StructType).kind === 'struct') {
        return { name, type: toDataType(value as TypeName | StructType), nullable: true };
      }
      const detailed = value as { type: TypeName | StructType; nullable?: boolean };
      return { name, type: toDataType(detailed.type), nullable: detailed.nullable ?? true };
    }),
  ) as StructType<S>;
}

export const isNumericType = (t: DataType): boolean => t === 'int' || t === 'long' || t === 'double' || t === 'timestamp';
export const isStruct = (t: DataType): t is StructType => typeof t !== 'string';

export function typeToString(t: DataType): string {
  return typeof t === 'string' ? t : `struct<${t.fields.map((f) => `${f.name}:${typeToString(f.type)}`).join(',')}>`;
}

export function sameType(a: DataType, b: DataType): boolean {
  return typeToString(a) === typeToString(b);
}

export function fieldIndex(type: StructType, name: string): number {
  return type.fields.findIndex((f) => f.name === name);
}

/** The struct type of a time window column: { start, end } timestamps. */
export const WINDOW_TYPE: StructType<WindowSpec> = structType([
  { name: 'start', type: 'timestamp', nullable: true },
  { name: 'end', type: 'timestamp', nullable: true },
]) as StructType<WindowSpec>;
type WindowSpec = { readonly start: 'timestamp'; readonly end: 'timestamp' };
/** A window or session_window column's value: its bounds as ms numbers (never null: rows without a time are dropped). */
export type WindowValue = { start: number; end: number };
