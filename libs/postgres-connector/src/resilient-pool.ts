// Long-lived Postgres pools that survive lost connections. When Postgres terminates a connection (pg_terminate_backend,
// restart, failover), node-postgres emits 'error' on its client (checked out but between queries, e.g.
// inside a sink's transaction) and, for an idle client, again on the pool; an 'error' event without a
// listener crashes Node. Here both are listened to: the loss is logged once (by the client listener),
// the pool drops the client and opens a new one when needed, and a batch that was using it fails (and is
// replayed from its checkpoint). A loss node-postgres reports without a SQLSTATE (its socket closed) gets
// the code CONNECTION_LOST, so restart policies key on codes, never on message text.
import { Pool, type PoolConfig } from 'pg';

export const CONNECTION_LOST = 'CONNECTION_LOST';
// clients whose connection was lost: their next query fails with a new, codeless "not queryable" error
const lostClients = new WeakSet<object>();

/** Gives a codeless connection error the code CONNECTION_LOST (the same object rejects the client's pending queries). */
export function tagConnectionLoss(error: Error): Error {
  const coded = error as Error & { code?: unknown };
  if (coded.code === undefined) coded.code = CONNECTION_LOST;
  return error;
}

/** Tags `error` CONNECTION_LOST when it came from a client whose connection this pool saw lost. */
export function tagIfConnectionLost(client: object, error: unknown): void {
  if (lostClients.has(client) && error instanceof Error) tagConnectionLoss(error);
}

export function resilientPool(config: PoolConfig & { application_name: string }, warn: (line: string) => void = console.warn): Pool {
  const pool = new Pool(config);
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      lostClients.add(client);
      warn(`${config.application_name}: Postgres connection lost (the pool replaces it): ${tagConnectionLoss(error).message}`);
    });
  });
  pool.on('error', (error) => void tagConnectionLoss(error)); // already logged by the client's listener
  return pool;
}
