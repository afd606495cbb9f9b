// Property: no request a client can send makes the API answer 5xx; every 4xx carries {code, message}.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { ApiKeyService } from '../src/auth/api-key.service';
import { commitBatch, insertProducts } from './support/seed';
import { startTestApi, type TestApi } from './support/test-api';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

/** Raw text that may hold anything, including bytes that need or break percent-encoding. */
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '%',
    '%E0%A4%A',
    '%00',
    '..',
    '-1',
    '1e309',
    'NaN',
    'true',
    '[]',
    '{}',
    'null',
    '9'.repeat(40),
    '2026-02-30T00:00:00Z',
    '+275760-09-13T00:00:00Z',
    '0000-01-01T00:00:00Z',
    "'; DROP TABLE products; --",
    'A-1',
  ),
  fc.integer().map(String),
  fc.double().map(String),
);

const QUERY_KEYS = [
  'limit',
  'offset',
  'category',
  'lowStock',
  'search',
  'sort',
  'order',
  'asOf',
  'format',
  'sku',
  'from',
  'to',
  'queryName',
  'errorCode',
  'junk',
];
const query = fc.dictionary(fc.constantFrom(...QUERY_KEYS), nasty, { maxKeys: 4 });

function qs(params: Record<string, string>, raw: boolean): string {
  const entries = Object.entries(params);
  if (!entries.length) return '';
  return '?' + entries.map(([k, v]) => `${k}=${raw ? v : encodeURIComponent(v)}`).join('&');
}

const GET_ROUTES = [
  '/api/v1/inventory',
  '/api/v1/inventory/categories',
  '/api/v1/inventory/export',
  '/api/v1/inventory/{s}',
  '/api/v1/products',
  '/api/v1/products/{s}',
  '/api/v1/prices/changes',
  '/api/v1/prices/{s}/history',
  '/api/v1/pipeline/progress',
  '/api/v1/dead-letters',
  '/api/v1/{s}',
  '/assets/{s}',
];

const PRODUCT_KEYS = [
  'sku',
  'name',
  'category',
  'unitCost',
  'basePrice',
  'currentPrice',
  'priceFloor',
  'priceCeiling',
  'initialStock',
  'lowStockThreshold',
  'restockLeadHours',
];
const jsonValue = fc.oneof(
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
/** Deeply nested arrays and objects (the 1,500-level body once overflowed the stack: 500). */
const deepJson = fc
  .tuple(fc.integer({ min: 1, max: 3000 }), fc.constantFrom('[]', '{}', 'mixed'), fc.constantFrom('top', 'field'))
  .map(([depth, kind, where]) => {
    const open = (i: number) => (kind === '[]' || (kind === 'mixed' && i % 2 === 0) ? '[' : '{"a":');
    const close = (i: number) => (kind === '[]' || (kind === 'mixed' && i % 2 === 0) ? ']' : '}');
    let text = '1';
    for (let i = depth - 1; i >= 0; i--) text = open(i) + text + close(i);
    return where === 'top' ? text : `{"name":${text}}`;
  });

const productBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...PRODUCT_KEYS, 'extra'), jsonValue, { maxKeys: 12 }),
  fc.record({
    sku: fc.string({ minLength: 1, maxLength: 10 }),
    name: fc.string({ maxLength: 10 }),
    category: fc.string({ maxLength: 5 }),
    unitCost: fc.double(),
    basePrice: fc.double(),
    priceFloor: fc.double(),
    priceCeiling: fc.double(),
    initialStock: fc.integer(),
    lowStockThreshold: fc.integer(),
  }),
  jsonValue,
);

describe('fuzz: bad input never gets a 5xx', () => {
  let api: TestApi;
  let writer: string;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi('api_fuzz', { WRITE_RATE_LIMIT_PER_MINUTE: 100_000 });
    const skus = [{ sku: 'A-1', category: 'tea', onHand: 5 }];
    await insertProducts(api.pg, skus);
    await commitBatch(api.pg, 1, skus);
    const keys = new ApiKeyService(api.app.get(DataSource));
    writer = (await keys.create('fuzz-writer', ['write'])).key;
    admin = (await keys.create('fuzz-admin', ['admin'])).key;
  });
  afterAll(async () => {
    await api?.stop();
  });

  async function expectClientError(res: Response, what: string): Promise<void> {
    const text = await res.text();
    if (res.status >= 500) throw new Error(`${what} -> ${res.status} ${text}`);
    if (res.status >= 400 && !res.url.includes('/assets/')) {
      const body = JSON.parse(text) as { code?: unknown; message?: unknown };
      expect(typeof body.code, what).toBe('string');
      expect(typeof body.message, what).toBe('string');
    }
  }

  it('GET routes with random path segments and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...GET_ROUTES), nasty, query, fc.boolean(), fc.boolean(), async (route, segment, params, raw, keyed) => {
        const path = route.replace('{s}', raw ? segment.replace(/[#?/]/g, '') : encodeURIComponent(segment)) + qs(params, raw);
        let res: Response;
        try {
          res = await fetch(`${api.url}${path}`, { headers: keyed ? { 'x-api-key': admin } : {} });
        } catch {
          return; // fetch refused to send it (invalid URL): nothing reached the server
        }
        await expectClientError(res, `GET ${path}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('POST and PATCH product bodies (JSON and raw text)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('POST', 'PATCH'),
        productBody,
        fc.option(fc.oneof(fc.string({ maxLength: 30 }), deepJson)),
        nasty,
        async (method, body, rawText, sku) => {
          const path = method === 'POST' ? '/api/v1/products' : `/api/v1/products/${encodeURIComponent(sku)}`;
          const res = await fetch(`${api.url}${path}`, {
            method,
            headers: { 'content-type': 'application/json', 'x-api-key': writer },
            body: rawText ?? JSON.stringify(body),
          });
          await expectClientError(res, `${method} ${path} ${(rawText ?? JSON.stringify(body)).slice(0, 200)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('odd headers: wrong content types, huge bodies, bad API keys', async () => {
    const cases: [string, RequestInit][] = [
      ['/api/v1/products', { method: 'POST', headers: { 'content-type': 'text/plain', 'x-api-key': writer }, body: 'hello' }],
      ['/api/v1/products', { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': writer }, body: `{"name":"${'x'.repeat(200_000)}"}` }],
      ['/api/v1/products', { method: 'POST', headers: { 'content-type': 'application/json; charset=latin9', 'x-api-key': writer }, body: '{}' }],
      ['/api/v1/products', { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': 'k'.repeat(5000) }, body: '{}' }],
      ['/api/v1/inventory', { method: 'DELETE' }],
      ['/api/v1/inventory/export', { headers: { accept: 'image/png' } }],
    ];
    for (const [path, init] of cases) await expectClientError(await fetch(`${api.url}${path}`, init), `${init.method ?? 'GET'} ${path}`);
  });
});
