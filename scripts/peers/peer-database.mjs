// A throw-away Postgres database (beside DATABASE_URL's) for a peer's sink, with its JDBC URL.
import crypto from 'node:crypto';
import pg from 'pg';
import { env } from '../infra/settings.mjs';

export async function createPeerDatabase(prefix = 'spark_peer') {
  const base = new URL(env('DATABASE_URL'));
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const run = async (/** @type {string} */ database, /** @type {string} */ sql) => {
    const url = new URL(base);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  await run('postgres', `create database ${pg.escapeIdentifier(name)}`);
  const params = new URLSearchParams({ user: decodeURIComponent(base.username || 'postgres') });
  if (base.password) params.set('password', decodeURIComponent(base.password));
  return {
    name,
    jdbcUrl: `jdbc:postgresql://${base.hostname}:${base.port || 5432}/${name}?${params}`,
    /** @param {string} sql */
    query: (sql) => run(name, sql),
    drop: () => run('postgres', `drop database if exists ${pg.escapeIdentifier(name)} with (force)`),
  };
}
