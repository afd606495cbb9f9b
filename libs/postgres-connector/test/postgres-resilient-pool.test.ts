// A pooled connection terminated by Postgres (idle, or checked out between statements) must not crash
// the process: the loss is logged, and the next query runs on a new connection (docs/reliability.md #4).
import { CONNECTION_LOST, inTransaction, resilientPool } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('pipeline_pool');
});
afterAll(async () => {
  await db?.drop();
});

/** A resilient pool whose warnings are collected, and an admin client that can terminate its connections. */
async function poolWithAdmin(applicationName: string) {
  const warnings: string[] = [];
  const pool = resilientPool({ connectionString: db.url, max: 2, application_name: applicationName }, (line) => warnings.push(line));
  const admin = new Client({ connectionString: db.url });
  await admin.connect();
  const close = async () => {
    await admin.end();
    await pool.end();
  };
  return { warnings, pool, admin, close };
}

describe('resilientPool', () => {
  it('survives pg_terminate_backend of idle and checked-out connections and reconnects', async () => {
    const applicationName = `pool-test-${process.pid}`;
    const { warnings, pool, admin, close } = await poolWithAdmin(applicationName);
    try {
      const before = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const { rows } = await admin.query<{ n: string }>('SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = $1', [
        applicationName,
      ]);
      expect(Number(rows[0].n)).toBe(1);
      await expect.poll(() => warnings.length, { timeout: 5000 }).toBeGreaterThan(0);
      expect(warnings[0]).toMatch(/^pool-test-\d+: Postgres connection lost .*terminating connection due to administrator command/);
      const after = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(after.rows[0].pid).not.toBe(before.rows[0].pid);

      // a client checked out between two statements of a transaction (a sink's batch)
      const client = await pool.connect();
      await client.query('BEGIN');
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
      await expect.poll(() => warnings.length, { timeout: 5000 }).toBeGreaterThan(1);
      await expect(client.query('COMMIT')).rejects.toThrow();
      client.release(true);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0].one).toBe(1);
    } finally {
      await close();
    }
  });

  it('gives a statement after the loss (node-postgres: "not queryable", no SQLSTATE) the code CONNECTION_LOST', async () => {
    const applicationName = `pool-code-${process.pid}`;
    const { warnings, pool, admin, close } = await poolWithAdmin(applicationName);
    try {
      const failure = await inTransaction(pool, async (client) => {
        await client.query('SELECT 1');
        await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
        await expect.poll(() => warnings.length, { timeout: 5000 }).toBeGreaterThan(0);
        await client.query('SELECT 2');
      }).then(
        () => undefined,
        (error: unknown) => error as Error & { code?: unknown },
      );
      expect(failure?.message).toMatch(/not queryable/);
      expect(failure?.code).toBe(CONNECTION_LOST); // a code the restart policy keys on
    } finally {
      await close();
    }
  });
});
