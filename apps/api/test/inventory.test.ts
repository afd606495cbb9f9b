import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitBatch, insertPriceChange, insertProducts, insertSalesHistory, insertVelocity, type SeedSku } from './support/seed';
import { getJson, startTestApi, type TestApi } from './support/test-api';

const T0 = new Date('2026-11-20T12:00:00Z');
const SKUS: SeedSku[] = [
  { sku: 'A-1', category: 'tea', onHand: 50, velocityRatio: 1.2, stockoutEta: new Date('2026-11-25T00:00:00Z'), lastEventAt: T0 },
  { sku: 'A-2', category: 'tea', onHand: 3, lowStock: true, velocityRatio: 3.5, stockoutEta: new Date('2026-11-21T00:00:00Z'), lastEventAt: T0 },
  { sku: 'B-1', category: 'mugs', onHand: 20, velocityRatio: 0.4, stockoutEta: null, lastEventAt: T0 },
  { sku: 'B-2', category: 'mugs', onHand: 8, lowStock: true, velocityRatio: null, stockoutEta: null, lastEventAt: T0 },
];

describe('inventory endpoints', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi('api_inventory');
    await insertProducts(api.pg, SKUS);
    await commitBatch(api.pg, 1, SKUS);
    // A later batch moves A-1; the as-of read before it must still see 50.
    await commitBatch(api.pg, 2, [{ ...SKUS[0], onHand: 45, lastEventAt: new Date(T0.getTime() + 3600_000) }]);
    for (let h = 0; h < 3; h++) await insertVelocity(api.pg, 'A-1', '1h', new Date(T0.getTime() - (h + 1) * 3600_000), 10 + h);
    await insertPriceChange(api.pg, 'A-1', 9.99, 10.49, new Date('2026-11-20T10:00:00Z'), 'velocity 1.8x baseline');
    // the events behind the as-of reads; the return of 12:40 arrives in a later batch than the 13:00 sale
    const at = (time: string) => new Date(`2026-11-20T${time}:00Z`);
    await insertSalesHistory(api.pg, [
      { id: 'e1', sku: 'A-1', type: 'sale', quantity: 50, at: at('11:00'), batchId: 1 },
      { id: 'e2', sku: 'A-2', type: 'sale', quantity: 97, at: at('11:30'), batchId: 1 },
      { id: 'e3', sku: 'A-1', type: 'sale', quantity: 5, at: at('13:00'), batchId: 2 },
      { id: 'e4', sku: 'A-1', type: 'return', quantity: 2, at: at('12:40'), batchId: 3 },
    ]);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('lists with paging and a total', async () => {
    const { status, body } = await getJson<{ items: { sku: string }[]; total: number }>(api, '/api/v1/inventory?limit=2&offset=1');
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    expect(body.items.map((i) => i.sku)).toEqual(['A-2', 'B-1']);
  });

  it('filters by category and low stock', async () => {
    const { body } = await getJson<{ items: { sku: string }[] }>(api, '/api/v1/inventory?category=mugs&lowStock=true');
    expect(body.items.map((i) => i.sku)).toEqual(['B-2']);
  });

  it('sorts by velocity ratio (nulls last) and by stock-out ETA', async () => {
    const byRatio = await getJson<{ items: { sku: string }[] }>(api, '/api/v1/inventory?sort=velocity_ratio&order=desc');
    expect(byRatio.body.items.map((i) => i.sku)).toEqual(['A-2', 'A-1', 'B-1', 'B-2']);
    const byEta = await getJson<{ items: { sku: string }[] }>(api, '/api/v1/inventory?sort=stockout_eta&order=asc');
    expect(byEta.body.items.map((i) => i.sku).slice(0, 2)).toEqual(['A-2', 'A-1']);
  });

  it('returns one SKU with velocity windows, forecast and price changes', async () => {
    const { status, body } = await getJson<{
      inventory: { sku: string; onHand: number; currentPrice: number };
      velocity: { lastHour: { units: number; windowStart: string }[] };
      forecast: { next24hUnits: number };
      recentPriceChanges: { newPrice: number; reason: string }[];
    }>(api, '/api/v1/inventory/A-1');
    expect(status).toBe(200);
    expect(body.inventory).toMatchObject({ sku: 'A-1', onHand: 45, currentPrice: 9.99 });
    expect(body.velocity.lastHour.map((w) => w.units)).toEqual([12, 11, 10]);
    expect(body.velocity.lastHour[0].windowStart).toBe('2026-11-20T09:00:00.000Z');
    expect(body.forecast.next24hUnits).toBe(48);
    expect(body.recentPriceChanges).toEqual([expect.objectContaining({ newPrice: 10.49, reason: 'velocity 1.8x baseline' })]);
  });

  it('answers as of a past event time, also after a late return arrived in a later batch', async () => {
    const before = await getJson<{ onHand: number; eventTime: string }>(api, `/api/v1/inventory/A-1?asOf=${encodeURIComponent('2026-11-20T12:30:00Z')}`);
    expect(before.body).toMatchObject({ onHand: 50, eventTime: '2026-11-20T11:00:00.000Z' });
    const afterReturn = await getJson<{ onHand: number }>(api, '/api/v1/inventory/A-1?asOf=2026-11-20T12:45:00Z');
    expect(afterReturn.body.onHand).toBe(52);
    const after = await getJson<{ onHand: number; unitsLastHour: number; currentPrice: number }>(api, '/api/v1/inventory/A-1?asOf=2026-11-20T13:00:00Z');
    expect(after.body).toMatchObject({ onHand: 47, unitsLastHour: 5, currentPrice: 10.49 });
    const list = await getJson<{ items: { sku: string; onHand: number }[]; total: number }>(
      api,
      '/api/v1/inventory?asOf=2026-11-20T12:30:00Z&category=tea&limit=1',
    );
    expect(list.body.total).toBe(2);
    const both = await getJson<{ items: { sku: string; onHand: number }[] }>(api, '/api/v1/inventory?asOf=2026-11-20T12:30:00Z&category=tea');
    expect(both.body.items).toEqual([expect.objectContaining({ sku: 'A-1', onHand: 50 }), expect.objectContaining({ sku: 'A-2', onHand: 3 })]);
    const impossible = await getJson<{ code: string }>(api, '/api/v1/inventory/A-1?asOf=2026-02-30T00:00:00Z');
    expect(impossible).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const tooEarly = await getJson<{ code: string }>(api, '/api/v1/inventory/A-1?asOf=2020-01-01T00:00:00Z');
    expect(tooEarly).toMatchObject({ status: 404, body: { code: 'SKU_NOT_FOUND' } });
  });

  it('answers 404 with a code for an unknown SKU', async () => {
    const { status, body } = await getJson(api, '/api/v1/inventory/NOPE');
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'SKU_NOT_FOUND' });
  });

  it('exports CSV and Arrow IPC', async () => {
    const csv = await fetch(`${api.url}/api/v1/inventory/export?category=tea`, { headers: { accept: 'text/csv' } });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^sku,name,category,onHand,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['A-1', 'A-2']);

    const arrow = await fetch(`${api.url}/api/v1/inventory/export`, { headers: { accept: 'application/vnd.apache.arrow.stream' } });
    expect(arrow.headers.get('content-type')).toContain('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(new Uint8Array(await arrow.arrayBuffer()));
    expect(table.numRows).toBe(4);
    expect(table.getChild('onHand')!.toArray()).toEqual(new Float64Array([45, 3, 20, 8])); // bigint column: Float64 like unitsSold
    expect(table.getChild('velocityRatio')!.get(3)).toBeNull();

    const refused = await getJson<{ code: string }>(api, '/api/v1/inventory/export', { headers: { accept: 'application/xml' } });
    expect(refused).toMatchObject({ status: 406, body: { code: 'NOT_ACCEPTABLE' } });
  });

  it('lists price changes per SKU', async () => {
    const { body } = await getJson<{ items: { sku: string; oldPrice: number; changedAt: string }[] }>(api, '/api/v1/prices/A-1/history');
    expect(body.items).toEqual([expect.objectContaining({ sku: 'A-1', oldPrice: 9.99, changedAt: '2026-11-20T10:00:00.000Z' })]);
  });
});
