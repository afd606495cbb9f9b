// Dead letters into a Postgres table shaped like the contract's `dead_letters` (query_name, source,
// position, raw, error_code, error_message, batch_id). A position already stored for the query is
// not stored again, so a replayed batch adds no duplicates. Text goes in with its control characters
// escaped (Postgres text refuses NUL), whoever made the letter; raw bytes go in as bytea.
import { type DeadLetter, type DeadLetterSink, escapeControls } from '@shelfstream/kafka-connector';
import { ConnectorError } from '@shelfstream/engine';
import { inTransaction, type PgConnection, quoteIdent, resolvePool } from './pg-connection';

export interface PostgresDeadLetterOptions {
  readonly connection?: PgConnection;
  readonly queryName: string;
  /** Default `dead_letters`. */
  readonly table?: string;
}

export class PostgresDeadLetterSink implements DeadLetterSink {
  private readonly owned;
  private readonly table: string;

  constructor(private readonly options: PostgresDeadLetterOptions) {
    this.owned = resolvePool(options.connection);
    this.table = quoteIdent(options.table ?? 'dead_letters');
  }

  async write(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    try {
      await inTransaction(this.owned.pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`dead-letters/${this.options.queryName}`]);
        await client.query(
          `INSERT INTO ${this.table} (query_name, source, position, raw, error_code, error_message)
           SELECT $1, u.source, u.position, u.raw, u.code, u.message
           FROM unnest($2::text[], $3::text[], $4::bytea[], $5::text[], $6::text[]) AS u(source, position, raw, code, message)
           WHERE NOT EXISTS (SELECT 1 FROM ${this.table} d WHERE d.query_name = $1 AND d.source = u.source AND d.position = u.position)`,
          [
            this.options.queryName,
            letters.map((l) => escapeControls(l.source)),
            letters.map((l) => escapeControls(l.position)),
            letters.map((l) => (l.raw ? Buffer.from(l.raw.buffer, l.raw.byteOffset, l.raw.byteLength) : null)),
            letters.map((l) => escapeControls(l.code)),
            letters.map((l) => escapeControls(l.message)),
          ],
        );
      });
    } catch (error) {
      throw new ConnectorError('SINK_ERROR', `writing dead letters: ${(error as Error).message}`, { cause: error });
    }
  }

  close(): Promise<void> {
    return this.owned.close();
  }
}

export function postgresDeadLetters(options: PostgresDeadLetterOptions): PostgresDeadLetterSink {
  return new PostgresDeadLetterSink(options);
}
