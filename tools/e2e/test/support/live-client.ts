// A socket.io client of the API's live feed that records every event with its arrival time.
import { io, type Socket } from 'socket.io-client';
import { waitFor } from './wait';

export interface LiveEvent {
  readonly event: string;
  readonly payload: unknown;
  readonly at: number;
}

export interface LiveClient {
  readonly received: LiveEvent[];
  /** The first recorded `event` whose payload satisfies `match`. */
  next<T>(event: string, match: (payload: T) => boolean, timeoutMs: number): Promise<{ payload: T; at: number }>;
  close(): void;
}

export async function connectLive(url: string, subscription: Record<string, unknown>): Promise<LiveClient> {
  const socket: Socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  const received: LiveEvent[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload, at: performance.now() }));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const ack = (await socket.timeout(10_000).emitWithAck('subscribe', subscription)) as { ok: boolean; message?: string };
  if (!ack.ok) throw new Error(`[E2E_SUBSCRIBE] refused: ${ack.message}`);
  return {
    received,
    next<T>(event: string, match: (payload: T) => boolean, timeoutMs: number) {
      return waitFor(
        `socket event ${event} matching`,
        () => {
          const hit = received.find((r) => r.event === event && match(r.payload as T));
          return hit ? { payload: hit.payload as T, at: hit.at } : undefined;
        },
        timeoutMs,
        5,
      );
    },
    close: () => void socket.close(),
  };
}

/** `inventory.updated` / `stock.low` payloads (only the fields the tests read). */
export interface InventoryEvent {
  readonly rows: { readonly sku: string; readonly onHand: number; readonly unitsSold: number; readonly lowStock: boolean }[];
}

/** `price.changed` payload: the `price-changes` Kafka message plus the SKU's category. */
export interface PriceChangedEvent {
  readonly changes: { sku: string; oldPrice: number; newPrice: number; rule: string; reason: string; decisionId: number; category?: string }[];
}
