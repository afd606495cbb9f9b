// Malformed API requests, by family: oversized bodies, wrong types, injection strings, unknown fields,
// bad paths and methods, bad query values, bad headers. 'reject' ones must get a 4xx with {code, message};
// 'harmless' ones are legal requests carrying hostile text (a search for "' OR '1'='1", a SKU "{{7*7}}"):
// no 5xx, and if accepted the text is taken literally (no match, stored verbatim).
export interface BadRequest {
  readonly family: 'oversized' | 'wrong-type' | 'injection' | 'unknown-field' | 'bad-path' | 'bad-query' | 'bad-header';
  readonly what: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  /** 'write' / 'admin' send that key; a literal string is sent as is; none = no key header. */
  readonly key?: string;
  readonly accept?: string;
  readonly expect?: 'reject' | 'harmless';
  /** The bug (docs/reliability.md) that once let it through; checked by its own regression test. */
  readonly knownBug?: string;
}

const PRODUCT = {
  sku: 'CHAOS-NEW',
  name: 'New',
  category: 'chaos',
  unitCost: 1,
  basePrice: 2,
  priceFloor: 1,
  priceCeiling: 4,
  initialStock: 10,
  lowStockThreshold: 2,
};
const product = (patch: Record<string, unknown>) => JSON.stringify({ ...PRODUCT, ...patch });
const INJECTIONS = [
  "'; DROP TABLE products; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '${jndi:ldap://x/a}',
  '{{7*7}}',
  '%00',
  '\u0000',
  'A'.repeat(300),
];

export function badRequests(existingSku: string): BadRequest[] {
  const post = (family: BadRequest['family'], what: string, body: string, extra: Partial<BadRequest> = {}): BadRequest => ({
    family,
    what,
    method: 'POST',
    path: '/api/v1/products',
    body,
    contentType: 'application/json',
    key: 'write',
    ...extra,
  });
  const get = (family: BadRequest['family'], what: string, path: string, extra: Partial<BadRequest> = {}): BadRequest => ({
    family,
    what,
    method: 'GET',
    path,
    ...extra,
  });
  return [
    post('oversized', '200 KB JSON body', product({ name: 'x'.repeat(200_000) })),
    post('oversized', '5 MB JSON body', JSON.stringify({ pad: 'y'.repeat(5_000_000) })),
    post('oversized', '100k-deep nested JSON', '['.repeat(100_000) + ']'.repeat(100_000)),
    post('oversized', '20k-element array as body', JSON.stringify(Array.from({ length: 20_000 }, () => PRODUCT))),
    post('wrong-type', 'price as string', product({ basePrice: '2.00' })),
    post('wrong-type', 'stock as float', product({ initialStock: 1.5 })),
    post('wrong-type', 'sku as number', product({ sku: 12345 })),
    post('wrong-type', 'name as object', product({ name: { first: 'x' } })),
    post('wrong-type', 'price 1e309 (overflows to Infinity)', product({}).replace('"basePrice":2', '"basePrice":1e309')),
    post('wrong-type', 'negative stock', product({ initialStock: -5 })),
    // 3e-323 is within the money check's float tolerance of 0.00 and is stored as 0.00: accepted, harmless.
    post(
      'wrong-type',
      'tiny denormal price',
      '{"sku":"CHAOS-D","name":"d","category":"c","unitCost":3e-323,"basePrice":1,"priceFloor":1,"priceCeiling":2,"initialStock":1,"lowStockThreshold":1}',
      { expect: 'harmless' },
    ),
    post('wrong-type', 'JSON array body', JSON.stringify([PRODUCT])),
    post('wrong-type', 'JSON null body', 'null'),
    post('wrong-type', 'JSON string body', '"hello"'),
    post('wrong-type', 'truncated JSON', product({}).slice(0, 30)),
    post('wrong-type', 'empty body', ''),
    {
      family: 'wrong-type',
      what: 'PATCH stock as string',
      method: 'PATCH',
      path: `/api/v1/products/${existingSku}`,
      body: '{"initialStock":"many"}',
      contentType: 'application/json',
      key: 'write',
    },
    ...INJECTIONS.map((s) => post('injection', `sku ${JSON.stringify(s.slice(0, 30))}`, product({ sku: s }), { expect: 'harmless' })),
    ...INJECTIONS.map((s) => get('injection', `sort ${JSON.stringify(s.slice(0, 30))}`, `/api/v1/inventory?sort=${encodeURIComponent(s)}`)),
    ...INJECTIONS.map((s) =>
      get('injection', `search ${JSON.stringify(s.slice(0, 30))}`, `/api/v1/inventory?search=${encodeURIComponent(s)}`, { expect: 'harmless' }),
    ),
    ...INJECTIONS.map((s) =>
      get('injection', `path sku ${JSON.stringify(s.slice(0, 30))}`, `/api/v1/products/${encodeURIComponent(s)}`, { expect: 'harmless' }),
    ),
    get('injection', 'category injection', `/api/v1/inventory?category=${encodeURIComponent("x' OR 1=1 --")}`, { expect: 'harmless' }),
    get('injection', 'order injection', `/api/v1/inventory?order=${encodeURIComponent('asc; DELETE FROM products')}`),
    get('injection', 'dead letters code injection (admin)', `/api/v1/dead-letters?errorCode=${encodeURIComponent("' OR 1=1 --")}&limit=-1`, { key: 'admin' }),
    post('unknown-field', 'extra field isAdmin', product({ sku: 'CHAOS-U1', isAdmin: true })),
    post(
      'unknown-field',
      '__proto__ pollution',
      `{"sku":"CHAOS-U2","name":"n","category":"c","unitCost":1,"basePrice":2,"priceFloor":1,"priceCeiling":4,"initialStock":1,"lowStockThreshold":1,"__proto__":{"admin":true}}`,
      { knownBug: '#5' },
    ),
    post('unknown-field', 'constructor.prototype', product({ sku: 'CHAOS-U3', constructor: { prototype: { polluted: 1 } } }), { knownBug: '#5' }),
    post('unknown-field', 'currentPrice on PATCH', '{"currentPrice":0.01}', { method: 'PATCH', path: `/api/v1/products/${existingSku}` }),
    get('unknown-field', 'unknown query parameter', '/api/v1/inventory?junk=1'),
    get('bad-path', 'unknown route', '/api/v1/nope'),
    get('bad-path', 'wrong version', '/api/v2/inventory'),
    get('bad-path', 'broken percent-encoding', '/api/v1/inventory/%E0%A4%A'),
    get('bad-path', '8 KB path', `/api/v1/inventory/${'a'.repeat(8000)}`),
    get('bad-path', 'unknown SKU', '/api/v1/inventory/NO-SUCH-SKU'),
    get('bad-path', 'dot segments', '/api/v1/%2e%2e/%2e%2e/package.json'),
    get('bad-path', 'asset traversal', '/assets/..%2f..%2fpackage.json'),
    { family: 'bad-path', what: 'DELETE inventory', method: 'DELETE', path: '/api/v1/inventory' },
    { family: 'bad-path', what: 'PUT products', method: 'PUT', path: '/api/v1/products', body: product({}), contentType: 'application/json', key: 'write' },
    get('bad-query', 'limit=-1', '/api/v1/inventory?limit=-1'),
    get('bad-query', 'limit=1e9', '/api/v1/inventory?limit=1000000000'),
    get('bad-query', 'offset=abc', '/api/v1/inventory?offset=abc'),
    get('bad-query', 'asOf not a date', '/api/v1/inventory?asOf=yesterday'),
    get('bad-query', 'asOf year 275760', `/api/v1/inventory?asOf=${encodeURIComponent('+275760-09-13T00:00:00Z')}`),
    get('bad-query', 'repeated limit', '/api/v1/inventory?limit=1&limit=2'),
    get('bad-query', 'lowStock=maybe', '/api/v1/inventory?lowStock=maybe'),
    get('bad-query', 'export format xml', '/api/v1/inventory/export?format=xml'),
    post('bad-header', 'text/plain body', 'hello', { contentType: 'text/plain' }),
    post('bad-header', 'latin9 charset', product({}), { contentType: 'application/json; charset=latin9' }),
    post('bad-header', 'no API key', product({ sku: 'CHAOS-K1' }), { key: undefined }),
    post('bad-header', 'wrong API key', product({ sku: 'CHAOS-K2' }), { key: 'ssk_not-a-key' }),
    post('bad-header', '5 KB API key', product({ sku: 'CHAOS-K3' }), { key: 'k'.repeat(5000) }),
    get('bad-header', 'dead letters without admin', '/api/v1/dead-letters', { key: 'write' }),
    get('bad-header', 'export accept image/png', '/api/v1/inventory/export', { accept: 'image/png' }),
  ];
}
