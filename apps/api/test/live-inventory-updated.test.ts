import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitBatch, commitProgress, insertProducts, type SeedSku } from './support/seed';
import { connectLive, type LiveClient } from './support/live-client';
import { startTestApi, type TestApi } from './support/test-api';

type Rows = { rows: { sku: string; onHand: number; category: string }[] };
const skus: SeedSku[] = [
  { sku: 'TEA-1', category: 'tea', onHand: 30 },
  { sku: 'MUG-1', category: 'mugs', onHand: 12 },
];

describe('socket.io live feed from committed batches', () => {
  let api: TestApi;
  let all: LiveClient;
  let mugs: LiveClient;
  let oneSku: LiveClient;

  beforeAll(async () => {
    api = await startTestApi('api_live', { SOCKET_COALESCE_MS: 100 });
    await insertProducts(api.pg, skus);
    all = await connectLive(api.url, { all: true });
    mugs = await connectLive(api.url, { categories: ['mugs'] });
    oneSku = await connectLive(api.url, { skus: ['TEA-1'] });
  });
  afterAll(async () => {
    for (const c of [all, mugs, oneSku]) c?.close();
    await api?.stop();
  });

  // How soon it arrives is measured by `npx nx run api:bench` (commit -> receipt, 500 clients).
  it('delivers inventory.updated after the commit', async () => {
    await commitBatch(api.pg, 1, skus);
    const { payload } = await all.waitFor<Rows>('inventory.updated', (p) => p.rows.some((r) => r.sku === 'TEA-1'), 10_000);
    expect(payload.rows.map((r) => r.sku).sort()).toEqual(['MUG-1', 'TEA-1']);
  });

  it('sends category and SKU subscribers only their rows', async () => {
    const m = await mugs.waitFor<Rows>('inventory.updated', () => true);
    expect(m.payload.rows.map((r) => r.sku)).toEqual(['MUG-1']);
    const t = await oneSku.waitFor<Rows>('inventory.updated', () => true);
    expect(t.payload.rows.map((r) => r.sku)).toEqual(['TEA-1']);
  });

  it('never delivers a rolled-back batch', async () => {
    await api.pg.query('BEGIN');
    await api.pg.query(`UPDATE live_inventory SET on_hand = 999, batch_id = 99 WHERE sku = 'TEA-1'`);
    await api.pg.query(`SELECT pg_notify('inventory_updated', '{"batchId":99,"queryName":"inventory","skus":["TEA-1"]}')`);
    await api.pg.query('ROLLBACK');
    await commitBatch(api.pg, 3, [{ ...skus[0], onHand: 29 }]);
    await all.waitFor<Rows>('inventory.updated', (p) => p.rows.some((r) => r.onHand === 29));
    expect(all.received.some((r) => (r.payload as Rows).rows?.some((row) => row.onHand === 999))).toBe(false);
  });

  it('serves the SKU document from cache until the commit notification names the SKU', async () => {
    const read = async () => ((await (await fetch(`${api.url}/api/v1/inventory/MUG-1`)).json()) as { inventory: { onHand: number } }).inventory.onHand;
    expect(await read()).toBe(12);
    await api.pg.query(`UPDATE live_inventory SET on_hand = 11 WHERE sku = 'MUG-1'`); // a write nobody announced
    expect(await read()).toBe(12); // cached
    await commitBatch(api.pg, 5, [{ ...skus[1], onHand: 10 }]);
    await mugs.waitFor<Rows>('inventory.updated', (p) => p.rows.some((r) => r.onHand === 10));
    expect(await read()).toBe(10);
  });

  it('emits stock.low when a SKU crosses its threshold', async () => {
    await commitBatch(api.pg, 6, [{ ...skus[1], onHand: 2, lowStock: true }]);
    const { payload } = await mugs.waitFor<Rows>('stock.low', () => true);
    expect(payload.rows).toEqual([expect.objectContaining({ sku: 'MUG-1', onHand: 2 })]);
  });

  it('coalesces a hot SKU: far fewer updates than commits, newest value last', async () => {
    const before = oneSku.received.filter((r) => r.event === 'inventory.updated').length;
    const start = performance.now();
    // 20 separate commits (each with its NOTIFY) sent in one round trip, so they land within a few ms.
    const commits = Array.from(
      { length: 20 },
      (_, i) =>
        `BEGIN; UPDATE live_inventory SET on_hand = ${100 + i}, batch_id = ${10 + i} WHERE sku = 'TEA-1';
       SELECT pg_notify('inventory_updated', '{"batchId":${10 + i},"queryName":"inventory","skus":["TEA-1"]}'); COMMIT;`,
    );
    await api.pg.query(commits.join('\n'));
    const last = await oneSku.waitFor<Rows>('inventory.updated', (p) => p.rows[0]?.onHand === 119);
    const updates = oneSku.received.filter((r) => r.event === 'inventory.updated').slice(before);
    // At most one flush per 100 ms interval over the time it took (+1 for the leading flush).
    expect(updates.length).toBeLessThanOrEqual(Math.ceil((last.at - start) / 100) + 1);
    expect(updates.length).toBeLessThan(20);
    expect(updates.at(-1)!.payload).toMatchObject({ rows: [expect.objectContaining({ onHand: 119 })] });
  });

  it('broadcasts pipeline.progress to every subscriber', async () => {
    await commitProgress(api.pg, 'inventory', 7, {
      numInputRows: 500,
      durationMs: { triggerExecution: 120 },
      eventTime: { watermark: '2026-11-20T12:00:00Z' },
    });
    const { payload } = await mugs.waitFor<{ batchId: number; batchDurationMs: number; watermark: string }>('pipeline.progress', () => true);
    expect(payload).toMatchObject({ batchId: 7, batchDurationMs: 120, watermark: '2026-11-20T12:00:00.000Z' });
  });

  it('rejects a malformed subscription with a code', async () => {
    const ack = await all.socket.emitWithAck('subscribe', { categories: 'tea' });
    expect(ack).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});
