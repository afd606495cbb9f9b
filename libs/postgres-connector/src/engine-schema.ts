// The engine-owned tables in schema `shelfstream_engine` (not TypeORM: the engine creates them itself).
import type { Pool } from 'pg';

export const ENGINE_SCHEMA = 'shelfstream_engine';

const DDL = `
CREATE SCHEMA IF NOT EXISTS ${ENGINE_SCHEMA};
CREATE TABLE IF NOT EXISTS ${ENGINE_SCHEMA}.sink_commits (
  query_name text NOT NULL,
  sink_name text NOT NULL,
  batch_id bigint NOT NULL,
  end_offsets jsonb NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (query_name, sink_name, batch_id)
);
CREATE TABLE IF NOT EXISTS ${ENGINE_SCHEMA}.partition_offsets (
  query_name text NOT NULL,
  source_name text NOT NULL,
  partition int NOT NULL,
  next_offset bigint NOT NULL,
  owner text,
  batch_id bigint,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (query_name, source_name, partition)
);
CREATE TABLE IF NOT EXISTS ${ENGINE_SCHEMA}.checkpoint_metadata (
  query_name text PRIMARY KEY,
  metadata jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS ${ENGINE_SCHEMA}.offsets_log (
  query_name text NOT NULL,
  batch_id bigint NOT NULL,
  entry jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (query_name, batch_id)
);
CREATE TABLE IF NOT EXISTS ${ENGINE_SCHEMA}.commit_log (
  query_name text NOT NULL,
  batch_id bigint NOT NULL,
  entry jsonb NOT NULL,
  written_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (query_name, batch_id)
);
CREATE TABLE IF NOT EXISTS ${ENGINE_SCHEMA}.state (
  query_name text NOT NULL,
  operator_id int NOT NULL,
  partition int NOT NULL,
  version bigint NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (query_name, operator_id, partition, version)
);
-- state blobs are Arrow IPC written every batch: stored uncompressed (pglz made a 2.5 MB insert take 2-3x as long)
DO $$ BEGIN
  IF (SELECT attstorage FROM pg_attribute WHERE attrelid = '${ENGINE_SCHEMA}.state'::regclass AND attname = 'bytes') <> 'e' THEN
    ALTER TABLE ${ENGINE_SCHEMA}.state ALTER COLUMN bytes SET STORAGE EXTERNAL;
  END IF;
END $$;
`;

const ensured = new WeakMap<Pool, Promise<void>>();

/** Creates the engine tables once per pool; concurrent processes serialize on an advisory lock. */
export function ensureEngineTables(pool: Pool): Promise<void> {
  let done = ensured.get(pool);
  if (!done) {
    done = (async () => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT pg_advisory_xact_lock(hashtext('${ENGINE_SCHEMA}.ddl'))`);
        await client.query(DDL);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    })().catch((error: unknown) => {
      // a failure (connecting included, e.g. 55000 while the database refuses connections) is not kept: the next call tries again
      ensured.delete(pool);
      throw error;
    });
    ensured.set(pool, done);
  }
  return done;
}
