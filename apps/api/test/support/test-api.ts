// Boots the real API on a fresh database (real Postgres, Redis, Kafka when running) for one suite.
import { createTestDatabase, type TestDatabase } from '@shelfstream/postgres-connector/testing';
import { Client } from 'pg';
import type { ApiConfig } from '../../src/config/api-config';
import { startApi, type RunningApi } from '../../src/start-api';

export interface TestApi extends RunningApi {
  db: TestDatabase;
  pg: Client;
  stop(): Promise<void>;
}

export async function startTestApi(prefix: string, config: Partial<ApiConfig> = {}): Promise<TestApi> {
  const db = await createTestDatabase(prefix);
  const api = await startApi({
    databaseUrl: db.url,
    port: 0,
    config: { HOST: '127.0.0.1', KAFKA_CONSUMER_ENABLED: false, ...config },
    logLevels: ['error'],
  });
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  return {
    ...api,
    db,
    pg,
    async stop() {
      await pg.end().catch(() => undefined);
      await api.close();
      await db.drop();
    },
  };
}

export async function getJson<T = unknown>(api: { url: string }, path: string, init: RequestInit = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(`${api.url}${path}`, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON; keep the text
  }
  return { status: res.status, body: body as T, headers: res.headers };
}
