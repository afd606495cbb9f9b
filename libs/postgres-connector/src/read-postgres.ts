// A Postgres query or table as an Arrow table (static dimensions such as products), and a cached
// dimension that re-reads at most every `refreshMs` for stream-static joins.
import { Binary, Bool, type DataType, DateDay, Field, Float64, Int32, Int64, Schema, Table, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { types as pgTypes } from 'pg';
import { type PgConnection, quoteIdent, resolvePool } from './pg-connection';
import { columnFromValues, ConnectorError, describeError, recordBatchFromColumns } from '@shelfstream/engine';

export type ReadPostgresOptions = {
  readonly connection?: PgConnection;
  readonly params?: readonly unknown[];
  /** Types by column name; other columns are mapped from their Postgres type. */
  readonly schema?: Schema;
} & ({ readonly query: string; readonly table?: undefined } | { readonly table: string; readonly query?: undefined });

const OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  float4: 700,
  float8: 701,
  numeric: 1700,
  date: 1082,
  timestamp: 1114,
  timestamptz: 1184,
  json: 114,
  jsonb: 3802,
} as const;

export function arrowTypeOfPg(oid: number): DataType {
  switch (oid) {
    case OID.bool:
      return new Bool();
    case OID.bytea:
      return new Binary();
    case OID.int8:
      return new Int64();
    case OID.int2:
    case OID.int4:
      return new Int32();
    case OID.float4:
    case OID.float8:
    case OID.numeric:
      return new Float64();
    case OID.date:
      return new DateDay();
    case OID.timestamp:
    case OID.timestamptz:
      return new TimestampMillisecond('UTC');
    default:
      return new Utf8();
  }
}

/** Dates stay 'YYYY-MM-DD' text (read as UTC days, not local midnight); JSON stays text. */
const KEEP_TEXT: ReadonlySet<number> = new Set([OID.date, OID.json, OID.jsonb]);
const typeParsers = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') => (KEEP_TEXT.has(oid) ? (s: string) => s : pgTypes.getTypeParser(oid, format ?? 'text')),
};

export async function readPostgres(options: ReadPostgresOptions): Promise<Table> {
  const sql = options.query ?? `SELECT * FROM ${quoteIdent(options.table)}`;
  const owned = resolvePool(options.connection);
  try {
    let result;
    try {
      result = await owned.pool.query({ text: sql, values: options.params as unknown[], rowMode: 'array', types: typeParsers });
    } catch (error) {
      throw new ConnectorError('SOURCE_ERROR', `reading Postgres (${sql.slice(0, 80)}): ${describeError(error)}`, { cause: error });
    }
    const fields = result.fields.map((f) => {
      const override = options.schema?.fields.find((s) => s.name === f.name);
      return new Field(f.name, override?.type ?? arrowTypeOfPg(f.dataTypeID), true);
    });
    const schema = new Schema(fields);
    const rows = result.rows as unknown[][];
    const columns = fields.map((f, c) =>
      columnFromValues(
        f.type,
        rows.map((r) => {
          const v = r[c];
          // arrays and other composite values become their JSON text
          return v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array) ? JSON.stringify(v) : v;
        }),
      ),
    );
    return new Table(recordBatchFromColumns(schema, columns, rows.length));
  } finally {
    await owned.close();
  }
}

/** A dimension read from Postgres, cached for `refreshMs` (0 = re-read on every call). */
export class PostgresDimension {
  private cached: { table: Table; at: number } | undefined;

  constructor(
    private readonly options: ReadPostgresOptions & { readonly refreshMs?: number },
    private readonly clock: () => number = Date.now,
  ) {}

  async get(): Promise<Table> {
    const now = this.clock();
    if (!this.cached || now - this.cached.at >= (this.options.refreshMs ?? 0)) {
      this.cached = { table: await readPostgres(this.options), at: now };
    }
    return this.cached.table;
  }
}
