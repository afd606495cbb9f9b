// LISTEN/NOTIFY is not durable: when the API's LISTEN connection dies, a commit made meanwhile is
// re-read after the reconnect and still reaches socket clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitBatch, insertProducts, type SeedSku } from './support/seed';
import { connectLive, type LiveClient } from './support/live-client';
import { startTestApi, type TestApi } from './support/test-api';

type Rows = { rows: { sku: string; onHand: number }[] };
const sku: SeedSku = { sku: 'R-1', category: 'tea', onHand: 10 };

describe('LISTEN connection lost', () => {
  let api: TestApi;
  let client: LiveClient;

  beforeAll(async () => {
    api = await startTestApi('api_relisten', { SOCKET_COALESCE_MS: 20 });
    await insertProducts(api.pg, [sku]);
    await commitBatch(api.pg, 1, [sku]);
    client = await connectLive(api.url, { all: true });
  });
  afterAll(async () => {
    client?.close();
    await api?.stop();
  });

  it('delivers a commit made while the listener was away', async () => {
    const listener = `SELECT pid FROM pg_stat_activity WHERE application_name = 'shelfstream-api-listen' AND datname = current_database()`;
    const { rows } = await api.pg.query<{ pid: number }>(listener);
    expect(rows).toHaveLength(1);
    await api.pg.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
    // Wait until the old backend is gone, so the next NOTIFY cannot reach it.
    for (let i = 0; (await api.pg.query(`SELECT 1 FROM pg_stat_activity WHERE pid = $1`, [rows[0].pid])).rowCount; i++) {
      if (i > 200) throw new Error('listener backend did not exit');
      await new Promise((r) => setTimeout(r, 5));
    }
    await commitBatch(api.pg, 2, [{ ...sku, onHand: 4 }]); // its NOTIFY has no listener
    const { payload } = await client.waitFor<Rows>('inventory.updated', (p) => p.rows.some((r) => r.onHand === 4), 10_000);
    expect(payload.rows[0]).toMatchObject({ sku: 'R-1', onHand: 4 });
    // And live notifications work again on the new connection.
    await commitBatch(api.pg, 3, [{ ...sku, onHand: 3 }]);
    await client.waitFor<Rows>('inventory.updated', (p) => p.rows.some((r) => r.onHand === 3), 5000);
  });
});
