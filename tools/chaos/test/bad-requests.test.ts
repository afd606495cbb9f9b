// Malformed API requests (oversized bodies, wrong types, injection strings, unknown fields, bad paths,
// bad query values, bad headers) against the API process, each followed by a valid request: every bad
// one is rejected with a reason (4xx + {code, message}) or is harmless, nothing answers 5xx, every valid
// one succeeds, the tables change only by the valid writes, and the process is still the same one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, killAllApps, runApp, startApp } from './support/app-process';
import { REDIS_URL, SHARED_BROKERS } from './support/chaos-settings';
import { type BadRequest, badRequests } from './support/bad-requests';
import { freePort, waitHealthy } from './support/http-probe';
import { chaosCatalogue, createRetailDatabase, type RetailDatabase } from './support/retail-database';
import { recordScenario } from './support/summary';

const products = chaosCatalogue(10);
let db: RetailDatabase;
let api: AppProcess;
let url: string;
const keys: Record<'write' | 'admin', string> = { write: '', admin: '' };

async function createKey(name: string, scopes: string): Promise<string> {
  const out = await runApp('api', ['--name', name, '--scopes', scopes], { DATABASE_URL: db.url }, 'src/cli/create-api-key.ts');
  const key = out
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.startsWith('ssk_'));
  if (!key) throw new Error(`[CHAOS_SETUP] no key in the create-api-key output:\n${out}`);
  return key;
}

const tableDigest = async (table: string) =>
  (
    await db.pool.query<{ n: number; md5: string }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM ${table} t`,
    )
  ).rows[0];

beforeAll(async () => {
  db = await createRetailDatabase('chaos_api', products);
  await db.pool.query(
    `INSERT INTO live_inventory (sku, name, category, on_hand, current_price, last_event_at, batch_id)
     SELECT sku, name, category, initial_stock, current_price, now(), 0 FROM products`,
  );
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  api = await startApp('api', [], {
    env: {
      DATABASE_URL: db.url,
      REDIS_URL,
      KAFKA_BROKERS: SHARED_BROKERS.join(','),
      KAFKA_CONSUMER_ENABLED: 'false',
      PORT: String(port),
      HOST: '127.0.0.1',
      WRITE_RATE_LIMIT_PER_MINUTE: '100000',
    },
  });
  await waitHealthy(url);
  keys.write = await createKey('chaos-writer', 'write');
  keys.admin = await createKey('chaos-admin', 'admin');
});

afterAll(async () => {
  await killAllApps();
  await db?.close();
});

async function send(r: BadRequest): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (r.contentType) headers['content-type'] = r.contentType;
  if (r.accept) headers['accept'] = r.accept;
  if (r.key) headers['x-api-key'] = r.key === 'write' || r.key === 'admin' ? keys[r.key] : r.key;
  try {
    const res = await fetch(`${url}${r.path}`, { method: r.method, headers, body: r.body, signal: AbortSignal.timeout(20_000) });
    return { status: res.status, text: await res.text() };
  } catch (error) {
    return { status: 0, text: `no answer: ${(error as Error).message}` };
  }
}

/** A problem with the answer, or null when it is what the contract promises. */
function judge(r: BadRequest, status: number, text: string): string | null {
  if (status === 0 || status >= 500) return `${status} ${text.slice(0, 200)}`;
  if ((r.expect ?? 'reject') === 'harmless') {
    if (status >= 400) return null;
    const answer = JSON.parse(text) as { total?: number; sku?: string };
    if (answer.total !== undefined && answer.total !== 0) return `hostile text matched ${answer.total} rows`;
    const sent = r.body ? (JSON.parse(r.body) as { sku?: unknown }).sku : undefined;
    if (typeof sent === 'string' && answer.sku !== sent) return `stored ${JSON.stringify(answer.sku)} for ${JSON.stringify(sent)}`;
    return null;
  }
  if (status < 400) return `accepted with ${status}: ${text.slice(0, 200)}`;
  if (r.path.startsWith('/assets/')) return null;
  try {
    const body = JSON.parse(text) as { code?: unknown; message?: unknown };
    return typeof body.code === 'string' && typeof body.message === 'string' ? null : `no {code, message}: ${text.slice(0, 200)}`;
  } catch {
    return `not JSON: ${text.slice(0, 200)}`;
  }
}

describe('malformed API requests', () => {
  it('are rejected with reasons or harmless, never 5xx; valid requests in between all succeed', async () => {
    const productsBefore = await tableDigest('products');
    const inventoryBefore = await tableDigest('live_inventory');
    const corpus = badRequests(products[0].sku).filter((r) => !r.knownBug);
    const problems: string[] = [];
    const byFamily: Record<string, number> = {};
    const codes: Record<string, number> = {};
    let rejected = 0;
    let validOk = 0;
    let fiveXx = 0;
    let hostileStored = 0;
    for (const [i, r] of corpus.entries()) {
      const { status, text } = await send(r);
      byFamily[r.family] = (byFamily[r.family] ?? 0) + 1;
      if (status >= 500 || status === 0) fiveXx++;
      if (r.method === 'POST' && status === 201) hostileStored++;
      if (status >= 400 && status < 500) {
        rejected++;
        const code = (() => {
          try {
            return String((JSON.parse(text) as { code?: string }).code);
          } catch {
            return 'non-json';
          }
        })();
        codes[`${status} ${code}`] = (codes[`${status} ${code}`] ?? 0) + 1;
      }
      const problem = judge(r, status, text);
      if (problem) problems.push(`${r.family} / ${r.what}: ${problem}`);
      // A valid request right after: alternately a read and a write.
      const valid =
        i % 2 === 0
          ? await send({ family: 'bad-path', what: 'valid read', method: 'GET', path: `/api/v1/inventory/${products[i % products.length].sku}` })
          : await send({
              family: 'bad-path',
              what: 'valid write',
              method: 'POST',
              path: '/api/v1/products',
              contentType: 'application/json',
              key: 'write',
              body: JSON.stringify({
                sku: `CHAOS-VALID-${i}`,
                name: `Valid ${i}`,
                category: 'chaos',
                unitCost: 1,
                basePrice: 2,
                priceFloor: 1,
                priceCeiling: 4,
                initialStock: 10,
                lowStockThreshold: 2,
              }),
            });
      if (valid.status === 200 || valid.status === 201) validOk++;
      else problems.push(`valid request after "${r.what}" failed: ${valid.status} ${valid.text.slice(0, 200)}`);
    }
    const writes = Math.floor(corpus.length / 2);
    const productsAfter = await tableDigest('products');
    const created = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM products WHERE sku LIKE 'CHAOS-VALID-%'`);
    const inventoryAfter = await tableDigest('live_inventory');
    await waitHealthy(url, 10_000);
    console.log(
      `bad-requests: ${corpus.length} bad (${JSON.stringify(byFamily)}), answers ${JSON.stringify(codes)}, valid ok ${validOk}/${corpus.length}\n${problems.join('\n')}`,
    );
    recordScenario({
      scenario: 'malformed API requests',
      faults: `${corpus.length} bad requests (${Object.keys(byFamily).length} families)`,
      faultCount: corpus.length,
      eventsIn: corpus.length * 2,
      eventsInTables: validOk,
      rejected,
      duplicates: 0,
      losses: corpus.length - validOk,
      recoveryMs: [],
      ok: problems.length === 0 && api.alive(),
      notes: `${fiveXx} answers 5xx; ${rejected} rejected with a code; ${hostileStored} hostile-but-legal SKUs stored verbatim; valid writes stored ${created.rows[0].n}/${writes}`,
    });
    expect(problems).toEqual([]);
    expect(fiveXx).toBe(0);
    expect(api.alive()).toBe(true);
    expect(created.rows[0].n).toBe(writes);
    expect(productsAfter.n).toBe(productsBefore.n + writes + hostileStored);
    expect(inventoryAfter).toEqual(inventoryBefore);
  });

  // Regression test for docs/reliability.md #5 (`__proto__` and `constructor` slipped past forbidNonWhitelisted).
  it('rejects the unknown fields __proto__ and constructor like any other unknown field', async () => {
    const answers: string[] = [];
    for (const r of badRequests(products[0].sku).filter((b) => b.knownBug)) {
      const { status, text } = await send(r);
      answers.push(`${r.what}: ${judge(r, status, text) ?? 'rejected'}`);
    }
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((a) => !a.endsWith(': rejected'))).toEqual([]);
  });
});
