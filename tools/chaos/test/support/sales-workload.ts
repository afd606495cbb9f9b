// The load: deterministic valid sales events (skewed SKU popularity, all four event types, event
// times in order so no event is ever later than the velocity watermark), and a paced producer.
import { createRng, encodeSalesEvent, type SalesEvent, type SalesEventType } from '@shelfstream/domain';
import type { ChaosProduct } from './retail-database';
import type { ChaosTopics, RawMessage } from './kafka-topics';
import { sleep } from './wait';

/** Event-time start of every workload (a fixed instant: runs are reproducible). */
export const WORKLOAD_START_MS = Date.UTC(2026, 10, 20, 8, 0, 0);
/** Event time covered by one workload: long enough for many 1 h and several 24 h windows per SKU. */
export const WORKLOAD_SPAN_MS = 3 * 3_600_000;

export function salesEvents(products: readonly ChaosProduct[], n: number, seed: number, idPrefix: string): SalesEvent[] {
  const rng = createRng(seed);
  const step = WORKLOAD_SPAN_MS / Math.max(1, n);
  return Array.from({ length: n }, (_, i) => {
    const product = products[Math.floor(rng.next() ** 2 * products.length)];
    const r = rng.next();
    const type: SalesEventType = r < 0.85 ? 'sale' : r < 0.9 ? 'return' : r < 0.95 ? 'restock' : 'adjustment';
    const magnitude = type === 'restock' ? 20 + Math.floor(rng.next() * 50) : 1 + Math.floor(rng.next() * 5);
    const quantity = type === 'adjustment' && rng.next() < 0.5 ? -magnitude : magnitude;
    return {
      event_id: `${idPrefix}-${i}`,
      type,
      sku: product.sku,
      store: 'chaos-store',
      quantity,
      unit_price: product.price,
      currency: 'GBP',
      event_time: new Date(WORKLOAD_START_MS + Math.floor(i * step)).toISOString(),
    };
  });
}

/**
 * Valid events at the validation bounds (quantity 100,000, price 99,999.99) that used to overflow their
 * columns: 101 sales of one SKU in one day (revenue past numeric(14,2)) and 21,500 restocks of another
 * (stock past int). Merged into `events` by event time, so none is late.
 */
export function withBoundValues(events: readonly SalesEvent[], products: readonly ChaosProduct[]): SalesEvent[] {
  const at = (i: number, n: number) => new Date(WORKLOAD_START_MS + Math.floor((i * WORKLOAD_SPAN_MS) / n)).toISOString();
  const base = { store: 'chaos-store', currency: 'GBP' as const };
  const sales = Array.from({ length: 101 }, (_, i) => ({
    ...base,
    event_id: `bound-sale-${i}`,
    type: 'sale' as const,
    sku: products[0].sku,
    quantity: 100_000,
    unit_price: 99_999.99,
    event_time: at(i, 101),
  }));
  const restocks = Array.from({ length: 21_500 }, (_, i) => ({
    ...base,
    event_id: `bound-restock-${i}`,
    type: 'restock' as const,
    sku: products[1].sku,
    quantity: 100_000,
    unit_price: products[1].price,
    event_time: at(i, 21_500),
  }));
  // stable merge by event time (ISO strings of one format sort as times)
  return [...events, ...sales, ...restocks]
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.event_time < b.e.event_time ? -1 : a.e.event_time > b.e.event_time ? 1 : a.i - b.i))
    .map(({ e }) => e);
}

export const toMessage = (event: SalesEvent): RawMessage => ({ key: event.sku, value: encodeSalesEvent(event) });

export interface Production {
  /** Resolves when every message was acknowledged by the broker. */
  readonly done: Promise<void>;
  sent(): number;
}

/**
 * Sends `messages` in order, in chunks, spread over about `seconds`. A failed send is retried (the
 * producer is idempotent, so a retry after a broker restart does not duplicate).
 */
export function produceOverTime(topics: ChaosTopics, topic: string, messages: readonly RawMessage[], seconds: number, chunk = 250): Production {
  let sent = 0;
  const chunks = Math.ceil(messages.length / chunk);
  const pauseMs = (seconds * 1000) / Math.max(1, chunks);
  const done = (async () => {
    for (let i = 0; i < messages.length; i += chunk) {
      const started = Date.now();
      const part = messages.slice(i, i + chunk);
      for (let attempt = 1; ; attempt++) {
        try {
          await topics.send(topic, part);
          break;
        } catch (error) {
          if (attempt >= 30) throw error;
          await sleep(1000);
        }
      }
      sent += part.length;
      await sleep(Math.max(0, pauseMs - (Date.now() - started)));
    }
  })();
  return { done, sent: () => sent };
}
