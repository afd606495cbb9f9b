// Issue 11 (API): deep bodies are a 400 not a 500, database error text never reaches a client, and
// clients that send bad API keys are throttled (HTTP and socket handshakes), on the real app + Postgres.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService } from '../src/auth/api-key.service';
import { connectLive } from './support/live-client';
import { commitBatch, insertProducts } from './support/seed';
import { getJson, startTestApi, type TestApi } from './support/test-api';

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('request hardening', () => {
  let api: TestApi;
  let writer: string;
  const patch = (body: string, key = writer) =>
    getJson<{ code: string; message: string }>(api, '/api/v1/products/A-1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body,
    });

  beforeAll(async () => {
    api = await startTestApi('api_hardening', { API_KEY_FAILURES_PER_MINUTE: 3, MAX_BODY_DEPTH: 16 });
    const skus = [{ sku: 'A-1', category: 'tea', onHand: 5 }];
    await insertProducts(api.pg, skus);
    await commitBatch(api.pg, 1, skus);
    writer = (await api.app.get(ApiKeyService).create('writer', ['write'])).key;
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('answers a 3 kB body of 1,500 nested arrays with 400, at the top or inside a field', async () => {
    const deep = nestedArrays(1500);
    expect(deep.length).toBe(3000);
    for (const body of [deep, `{"name":${deep}}`, `{"name":"x","extra":{"a":${nestedArrays(20)}}}`]) {
      expect(await patch(body)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', message: 'the body nests deeper than 16 levels' } });
    }
    // The limit is not in the way of ordinary bodies, and the app still serves.
    expect(await patch('{"name":"Breakfast tea"}')).toMatchObject({ status: 200, body: { name: 'Breakfast tea' } });
  });

  it('does not echo database error text in a 400', async () => {
    for (const search of ['%00', 'a%00b']) {
      const res = await getJson<{ code: string; message: string }>(api, `/api/v1/inventory?search=${search}`);
      expect(res).toMatchObject({
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: 'A text value holds a character that cannot be stored (such as NUL)' },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/UTF8|byte sequence|0x00|encoding/i);
    }
  });

  it('throttles a client after API_KEY_FAILURES_PER_MINUTE bad keys, on HTTP and on the socket handshake', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await patch('{"name":"x"}', `ssk_guess_${i}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const blocked = await getJson<{ code: string }>(api, '/api/v1/products/A-1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-api-key': 'ssk_guess_4' },
      body: '{"name":"x"}',
    });
    expect(blocked).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(blocked.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // While blocked even the right key waits (no oracle for guesses); requests without a key are unaffected.
    expect((await patch('{"name":"y"}')).status).toBe(429);
    expect((await getJson(api, '/api/v1/inventory')).status).toBe(200);
  });
});

describe('bad keys on the socket handshake count too', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('api_hardening_ws', { API_READS_REQUIRE_KEY: true, API_KEY_FAILURES_PER_MINUTE: 2 });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('refuses the third handshake from the same client with RATE_LIMITED', async () => {
    const reader = (await api.app.get(ApiKeyService).create('reader', ['read'])).key;
    await expect(connectLive(api.url, { all: true }, { apiKey: 'ssk_bad_1' })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    await expect(connectLive(api.url, { all: true }, { apiKey: 'ssk_bad_2' })).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    await expect(connectLive(api.url, { all: true }, { apiKey: reader })).rejects.toMatchObject({ data: { code: 'RATE_LIMITED' } });
    expect((await getJson(api, '/api/v1/inventory', { headers: { 'x-api-key': reader } })).status).toBe(429);
  });
});
