import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyService } from '../src/auth/api-key.service';
import { DataSource } from 'typeorm';
import { connectLive } from './support/live-client';
import { getJson, startTestApi, type TestApi } from './support/test-api';

const product = {
  sku: 'NEW-1',
  name: 'Teapot',
  category: 'tea',
  unitCost: 4.5,
  basePrice: 12,
  priceFloor: 9,
  priceCeiling: 15,
  initialStock: 40,
  lowStockThreshold: 5,
};

describe('products: public reads, writes need a write key, writes are rate limited', () => {
  let api: TestApi;
  let writer: string;
  let reader: string;

  const send = (method: string, path: string, body: unknown, key?: string) =>
    getJson<{ code?: string; message?: string } & Record<string, unknown>>(api, path, {
      method,
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    api = await startTestApi('api_products', { WRITE_RATE_LIMIT_PER_MINUTE: 5 });
    const keys = new ApiKeyService(api.app.get(DataSource));
    writer = (await keys.create('writer', ['write'])).key;
    reader = (await keys.create('reader', ['read'])).key;
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('refuses a write without a key (401) or with a read-only key (403)', async () => {
    expect(await send('POST', '/api/v1/products', product)).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await send('POST', '/api/v1/products', product, 'ssk_wrong')).toMatchObject({ status: 401 });
    expect(await send('POST', '/api/v1/products', product, reader)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('creates with a write key, then reads publicly', async () => {
    const created = await send('POST', '/api/v1/products', product, writer);
    expect(created).toMatchObject({ status: 201, body: { sku: 'NEW-1', currentPrice: 12, restockLeadHours: 48 } });
    const read = await getJson(api, '/api/v1/products/NEW-1');
    expect(read).toMatchObject({ status: 200, body: { name: 'Teapot', unitCost: 4.5 } });
    expect(await send('POST', '/api/v1/products', product, writer)).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
  });

  it('validates bodies: unknown fields, bad types, inconsistent price bounds', async () => {
    const extra = await send('PATCH', '/api/v1/products/NEW-1', { name: 'x', currentPrice: 1 }, writer);
    expect(extra).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(extra.body.message).toContain('currentPrice should not exist');
    const bounds = await send('PATCH', '/api/v1/products/NEW-1', { priceFloor: 20 }, writer);
    expect(bounds).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const ok = await send('PATCH', '/api/v1/products/NEW-1', { name: 'Big teapot' }, writer);
    expect(ok).toMatchObject({ status: 200, body: { name: 'Big teapot' } });
  });

  it('rejects __proto__, constructor and prototype keys like any other unknown field', async () => {
    for (const body of [
      `{"sku":"P-1","name":"n","category":"c","unitCost":1,"basePrice":2,"priceFloor":1,"priceCeiling":4,"initialStock":1,"lowStockThreshold":1,"__proto__":{"admin":true}}`,
      JSON.stringify({ ...product, sku: 'P-2', constructor: { prototype: { polluted: 1 } } }),
      JSON.stringify({ name: 'x', nested: { prototype: 1 } }),
    ]) {
      const res = await getJson<{ code: string }>(api, '/api/v1/products', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': writer },
        body,
      });
      expect(res).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    }
    expect((await getJson(api, '/api/v1/products/P-1')).status).toBe(404);
  });

  it('answers 429 with a code once the write rate limit is spent', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await send('PATCH', '/api/v1/products/NEW-1', { lowStockThreshold: i }, writer)).status);
    expect(statuses).toContain(429);
    const limited = await send('PATCH', '/api/v1/products/NEW-1', { lowStockThreshold: 1 }, writer);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED' });
    // Reads are not rate limited.
    expect((await getJson(api, '/api/v1/products')).status).toBe(200);
  });

  it('guards dead letters with the admin scope', async () => {
    expect((await getJson(api, '/api/v1/dead-letters')).status).toBe(401);
    expect((await getJson(api, '/api/v1/dead-letters', { headers: { 'x-api-key': writer } })).status).toBe(403);
  });
});

describe('reads can be configured to need a key', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('api_private_reads', { API_READS_REQUIRE_KEY: true });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('refuses an anonymous read and accepts a read key', async () => {
    expect(await getJson(api, '/api/v1/inventory')).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    const { key } = await new ApiKeyService(api.app.get(DataSource)).create('r', ['read']);
    expect((await getJson(api, '/api/v1/inventory', { headers: { 'x-api-key': key } })).status).toBe(200);
  });

  it('refuses the live feed without a key and accepts it with one', async () => {
    await expect(connectLive(api.url, { all: true })).rejects.toThrow(/UNAUTHENTICATED/);
    const { key } = await new ApiKeyService(api.app.get(DataSource)).create('r2', ['read']);
    const client = await connectLive(api.url, { all: true }, { apiKey: key });
    expect(client.socket.connected).toBe(true);
    client.close();
  });
});
