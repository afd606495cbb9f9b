// API_READS_REQUIRE_KEY=true: data needs a read key, but the dashboard's page and code and the health
// probes stay open (they hold no data); the page takes the key as /?key=... (browser test beside this).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService } from '../src/auth/api-key.service';
import { getJson, startTestApi, type TestApi } from './support/test-api';

describe('reads need a key; page, assets and health do not', () => {
  let api: TestApi;
  let reader: string;
  beforeAll(async () => {
    api = await startTestApi('api_private_page', { API_READS_REQUIRE_KEY: true });
    reader = (await api.app.get(ApiKeyService).create('reader', ['read'])).key;
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('serves the dashboard page and its assets without a key', async () => {
    const page = await fetch(`${api.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    for (const [file, type] of [
      ['app.js', /javascript/],
      ['app.css', /css/],
    ] as const) {
      const res = await fetch(`${api.url}/assets/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(type);
    }
  });

  it('keeps /health, /health/live and /health/ready open', async () => {
    for (const path of ['/health', '/health/live', '/health/ready']) expect((await getJson(api, path)).status, path).toBe(200);
  });

  it('still guards data: 401 without a key, 200 with a read key', async () => {
    expect(await getJson(api, '/api/v1/inventory')).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect((await getJson(api, '/api/v1/inventory', { headers: { 'x-api-key': reader } })).status).toBe(200);
  });
});
