// A pool given by the caller (shared, not closed here) or made from a connection string (owned).
import { Pool, type PoolClient } from 'pg';
import { resilientPool, tagIfConnectionLost } from './resilient-pool';

export type PgConnection = Pool | string | undefined;

/** Used when no connection is given: the callers' config passes theirs in. */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shelfstream';

export interface OwnedPool {
  readonly pool: Pool;
  /** Ends the pool only if it was created here. */
  close(): Promise<void>;
}

export function resolvePool(connection: PgConnection): OwnedPool {
  if (connection instanceof Pool) return { pool: connection, close: async () => undefined };
  const pool = resilientPool({ connectionString: connection ?? DEFAULT_DATABASE_URL, max: 4, application_name: 'shelfstream-engine' });
  return { pool, close: () => pool.end() };
}

/** Runs `fn` in one transaction on one client. */
export async function inTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    tagIfConnectionLost(client, error); // a query after the loss fails without a SQLSTATE
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A double-quoted identifier; `schema.table` becomes "schema"."table". */
export function quoteIdent(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replace(/"/g, '""')}"`)
    .join('.');
}
