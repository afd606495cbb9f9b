// Issue 16 (API): liveness and readiness apart. Readiness follows Postgres only (the one dependency
// serving needs); Kafka down or Redis absent leave the API ready; liveness consults nothing.
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTestApi, type TestApi } from './support/test-api';

type Ready = { status: string; checks: Record<string, { ok: boolean; error?: string }>; priceChangesFeed: string };

describe('health probes', () => {
  let api: TestApi;
  let database: string;
  let admin: Client; // on the server's `postgres` database: a database cannot lock itself out
  // Kafka unreachable (nothing listens on port 1) and the price feed enabled: the API must still be ready.
  beforeAll(async () => {
    api = await startTestApi('api_health', { KAFKA_BROKERS: '127.0.0.1:1', KAFKA_CONSUMER_ENABLED: true });
    database = (await api.pg.query<{ db: string }>('SELECT current_database() AS db')).rows[0].db;
    const url = new URL(api.db.url);
    url.pathname = '/postgres';
    admin = new Client({ connectionString: url.toString() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await api?.stop();
  });

  it('is live and ready with Postgres up, whatever Kafka and Redis do', async () => {
    expect(await getJson(api, '/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await getJson<Ready>(api, '/health/ready');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ok', checks: { postgres: { ok: true } }, priceChangesFeed: 'starting' } });
    expect(Object.keys(ready.body.checks)).toEqual(['postgres']);
    expect((await getJson<Ready>(api, '/health')).body).toMatchObject({ status: 'ok', checks: { postgres: { ok: true } } });
  });

  it('is unready (503) while its database refuses connections, still live, and ready again after', async () => {
    // Cut this API off its database: no new connections, and its open ones terminated.
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'shelfstream-api'`, [database]);
    await expect.poll(async () => (await getJson<Ready>(api, '/health/ready')).status, { timeout: 15_000, interval: 200 }).toBe(503);
    const down = await getJson<Ready>(api, '/health');
    expect(down).toMatchObject({ status: 503, body: { status: 'unavailable', checks: { postgres: { ok: false } } } });
    expect(await getJson(api, '/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });

    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    await expect.poll(async () => (await getJson<Ready>(api, '/health/ready')).status, { timeout: 15_000, interval: 200 }).toBe(200);
  });
});
