// The live window on the real API + Postgres: nothing is live until a stream reports a watermark (a
// backfill never makes rows live); then rows within LIVE_WINDOW_MINUTES of it are, in REST (`live` on
// each row, `?live=`, `sort=last_event_at`) and on the socket (`live.window`, `live` on updated rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectLive, type LiveClient } from './support/live-client';
import { commitBatch, commitProgress, insertProducts, type SeedSku } from './support/seed';
import { getJson, startTestApi, type TestApi } from './support/test-api';

type Row = { sku: string; live: boolean };
type Window = { watermark: string | null; since: string | null; windowMinutes: number; liveSkus: number; totalSkus: number };
const HOUR = 3_600_000;

describe('live window', () => {
  let api: TestApi;
  let client: LiveClient;
  const t = Date.parse('2026-11-20T12:00:00Z');
  const skus: SeedSku[] = [
    { sku: 'NOW-1', category: 'tea', onHand: 5, lastEventAt: new Date(t - 5 * 60_000) },
    { sku: 'NOW-2', category: 'tea', onHand: 5, lastEventAt: new Date(t - 50 * 60_000) },
    { sku: 'OLD-1', category: 'tea', onHand: 5, lastEventAt: new Date(t - 3 * HOUR) },
    { sku: 'OLD-2', category: 'tea', onHand: 5, lastEventAt: new Date('2011-12-09T12:00:00Z') },
  ];

  beforeAll(async () => {
    api = await startTestApi('api_live_window', { LIVE_WINDOW_MINUTES: 60, SOCKET_COALESCE_MS: 20 });
    await insertProducts(api.pg, skus);
    await commitBatch(api.pg, 1, skus);
    // A backfill's progress row, however late its watermark, does not define live time.
    await commitProgress(api.pg, 'backfill:sales_velocity_1h', 1, { batchId: 1, watermarkMs: t + 24 * HOUR });
    client = await connectLive(api.url, { all: true });
  });
  afterAll(async () => {
    client?.close();
    await api?.stop();
  });

  it('has nothing live before a stream reports a watermark', async () => {
    expect((await getJson<Window>(api, '/api/v1/inventory/live-window')).body).toEqual({
      watermark: null,
      since: null,
      windowMinutes: 60,
      liveSkus: 0,
      totalSkus: 4,
    });
    const { body } = await getJson<{ items: Row[]; total: number }>(api, '/api/v1/inventory');
    expect(body.items.map((r) => r.live)).toEqual([false, false, false, false]);
    expect((await getJson<{ total: number }>(api, '/api/v1/inventory?live=true')).body.total).toBe(0);
  });

  it('marks rows within the window of the stream watermark live, over REST and the socket', async () => {
    await commitProgress(api.pg, 'sales_velocity_1h', 1, { batchId: 1, watermarkMs: t - 10 * 60_000 });
    const moved = await client.waitFor<Window>('live.window', (w) => w.watermark === new Date(t - 10 * 60_000).toISOString());
    expect(moved.payload).toMatchObject({ since: new Date(t - 70 * 60_000).toISOString(), windowMinutes: 60 });
    expect((await getJson<Window>(api, '/api/v1/inventory/live-window')).body).toMatchObject({ liveSkus: 2, totalSkus: 4 });

    const live = await getJson<{ items: Row[]; total: number }>(api, '/api/v1/inventory?live=true&sort=last_event_at&order=desc');
    expect(live.body.items.map((r) => [r.sku, r.live])).toEqual([
      ['NOW-1', true],
      ['NOW-2', true],
    ]);
    const history = await getJson<{ items: Row[] }>(api, '/api/v1/inventory?live=false&sort=last_event_at&order=desc');
    expect(history.body.items.map((r) => [r.sku, r.live])).toEqual([
      ['OLD-1', false],
      ['OLD-2', false],
    ]);

    // A sale of an old SKU brings it into the window; the socket row says so.
    await commitBatch(api.pg, 2, [{ ...skus[2], onHand: 4, lastEventAt: new Date(t - 60_000) }]);
    const updated = await client.waitFor<{ rows: Row[] }>('inventory.updated', (e) => e.rows.some((r) => r.sku === 'OLD-1'));
    expect(updated.payload.rows.find((r) => r.sku === 'OLD-1')!.live).toBe(true);
  });

  it('never moves back, and only stream queries move it', async () => {
    await commitProgress(api.pg, 'sales_velocity_1h', 2, { batchId: 2, watermarkMs: t - 2 * HOUR });
    await commitProgress(api.pg, 'backfill:live_inventory', 2, { batchId: 2, watermarkMs: t + 48 * HOUR });
    await commitProgress(api.pg, 'sales_velocity_24h', 1, { batchId: 1, watermarkMs: t + 2 * HOUR });
    const moved = await client.waitFor<Window>('live.window', (w) => w.watermark === new Date(t + 2 * HOUR).toISOString());
    expect(moved.payload.since).toBe(new Date(t + HOUR).toISOString());
    expect((await getJson<Window>(api, '/api/v1/inventory/live-window')).body).toMatchObject({ liveSkus: 0, totalSkus: 4 });
    expect(client.received.filter((r) => r.event === 'live.window').map((r) => (r.payload as Window).watermark)).toEqual([
      new Date(t - 10 * 60_000).toISOString(),
      new Date(t + 2 * HOUR).toISOString(),
    ]);
  });
});
