// Engine data types and schemas. Timestamps are milliseconds since the epoch (UTC), held as float64
// internally and as Arrow Timestamp<MILLISECOND> at the edges; decimals are doubles.
import { EngineError } from '../errors/engine-error';

export type PrimitiveType = 'string' | 'int' | 'long' | 'double' | 'boolean' | 'timestamp';
export interface StructType {
  readonly kind: 'struct';
  readonly fields: readonly Field[];
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
export function schema(spec: Record<string, FieldSpec>): StructType {
  return structType(
    Object.entries(spec).map(([name, value]) => {
      if (typeof value === 'string' || (value as StructType).kind === 'struct') {
        return { name, type: toDataType(value as TypeName | StructType), nullable: true };
      }
      const detailed = value as { type: TypeName | StructType; nullable?: boolean };
      return { name, type: toDataType(detailed.type), nullable: detailed.nullable ?? true };
    }),
  );
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
export const WINDOW_TYPE: StructType = structType([
  { name: 'start', type: 'timestamp', nullable: true },
  { name: 'end', type: 'timestamp', nullable: true },
]);
