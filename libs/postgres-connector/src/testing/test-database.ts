// A throw-away database per test suite, so suites can run side by side against one server.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** Connection string of the new, empty database. */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shelfstream';
}

/** Creates an empty database named `<prefix>_<random>` next to the one in DATABASE_URL. */
export async function createTestDatabase(prefix = 'test'): Promise<TestDatabase> {
  const base = new URL(databaseUrl());
  const name = `${prefix.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = new Client({ connectionString: admin.toString() });
      await c.connect();
      try {
        // pg's Pool.end() resolves before its sockets close: give sessions a moment to leave on their own, so a
        // forced drop does not send 57P01 to a client that is still closing (an uncaught error in the test run).
        for (let i = 0; i < 50; i++) {
          const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if (rows[0]?.n === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
