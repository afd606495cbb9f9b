// A client that stops reading is disconnected once its send buffer passes the bound, while a
// healthy client keeps receiving every flush.
import type { Socket as NetSocket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVENTORY_UPDATED_CHANNEL } from '@shelfstream/db';
import { commitBatch, insertProducts, type SeedSku } from './support/seed';
import { connectLive, type LiveClient } from './support/live-client';
import { startTestApi, type TestApi } from './support/test-api';

const SKUS: SeedSku[] = Array.from({ length: 500 }, (_, i) => ({ sku: `S-${i}`, category: 'bulk', onHand: 1000 }));

/** The TCP socket under a socket.io-client websocket (test-only reach into engine.io-client and ws). */
function tcpOf(client: LiveClient): NetSocket {
  const transport = (client.socket.io.engine as unknown as { transport: { ws: { _socket: NetSocket } } }).transport;
  return transport.ws._socket;
}

async function droppedCount(api: TestApi): Promise<number> {
  const text = await (await fetch(`${api.url}/metrics`)).text();
  return Number(/shelfstream_api_socket_slow_clients_dropped_total (\d+)/.exec(text)?.[1] ?? 0);
}

describe('slow socket clients', () => {
  let api: TestApi;
  let healthy: LiveClient;
  let slow: LiveClient;

  beforeAll(async () => {
    api = await startTestApi('api_slow', { SOCKET_COALESCE_MS: 20, SOCKET_MAX_BUFFERED_PACKETS: 5 });
    await insertProducts(api.pg, SKUS);
    await commitBatch(api.pg, 1, SKUS);
    await api.pg.query(`UPDATE live_inventory SET name = repeat('n', 1000)`); // ~650 KB per flush
    healthy = await connectLive(api.url, { all: true });
    slow = await connectLive(api.url, { all: true });
  });
  afterAll(async () => {
    healthy?.close();
    slow?.close();
    await api?.stop();
  });

  it('drops the client that stops reading and keeps serving the other', async () => {
    tcpOf(slow).pause();
    let batch = 2;
    for (; batch < 200 && (await droppedCount(api)) === 0; batch++) {
      await api.pg.query('BEGIN');
      await api.pg.query('UPDATE live_inventory SET on_hand = on_hand - 1, batch_id = $1', [batch]);
      await api.pg.query('SELECT pg_notify($1, $2)', [INVENTORY_UPDATED_CHANNEL, JSON.stringify({ batchId: batch, queryName: 'q', skus: null })]);
      await api.pg.query('COMMIT');
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(await droppedCount(api)).toBe(1);
    const last = 1000 - (batch - 2);
    await healthy.waitFor<{ rows: { onHand: number }[] }>('inventory.updated', (p) => p.rows.some((r) => r.onHand === last), 10_000);
    expect(healthy.socket.connected).toBe(true);
  });
});
