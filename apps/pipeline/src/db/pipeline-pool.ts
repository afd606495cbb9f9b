// The pipeline's long-lived Postgres pools. A pooled idle connection that Postgres terminates
// (pg_terminate_backend, restart, failover) makes node-postgres emit 'error' on the pool; without a
// listener Node would crash the process. The pool drops that client and opens a new one when needed;
// a batch running on it fails and is handled by the stream's restart path (recovery/).
import { Pool, type PoolConfig } from 'pg';

export function createPipelinePool(config: PoolConfig & { application_name: string }, warn: (line: string) => void = console.warn): Pool {
  const pool = new Pool(config);
  pool.on('error', (error) => warn(`${config.application_name}: idle Postgres connection lost (the pool replaces it): ${error.message}`));
  return pool;
}
