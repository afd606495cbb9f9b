// JSON sales events (the contract's shape) into a Kafka topic for the streaming peers: either as fast
// as possible (a backlog, event times spread over `hours`) or at a steady rate (event time = now).
import { Kafka, logLevel, Partitioners } from 'kafkajs';

/** Deterministic 32-bit PRNG (mulberry32). */
function random(/** @type {number} */ seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator of sale events with skewed SKUs (a few sell often), quantities 1..5, prices per SKU. */
export function saleEvents(/** @type {{ skus: number, seed?: number }} */ { skus, seed = 42 }) {
  const next = random(seed);
  let i = 0;
  return (/** @type {number} */ timeMs) => {
    const sku = Math.floor(next() ** 2 * skus);
    const event = {
      event_id: `peer-${seed}-${i++}`,
      type: 'sale',
      sku: `SKU-${String(sku).padStart(6, '0')}`,
      store: `STORE-${Math.floor(next() * 20)}`,
      quantity: 1 + Math.floor(next() * 5),
      unit_price: Math.round((1 + (sku % 5000) / 100) * 100) / 100,
      currency: 'GBP',
      event_time: new Date(timeMs).toISOString(),
    };
    return { key: event.sku, value: JSON.stringify(event) };
  };
}

/**
 * @param {{ brokers: string[], topic: string, events: number, skus: number, rate?: number, hours?: number }} options
 * @returns {Promise<{ produced: number, elapsedMs: number }>}
 */
export async function produceSales({ brokers, topic, events, skus, rate, hours = 24 }) {
  const kafka = new Kafka({ clientId: 'shelfstream-peers', brokers, logLevel: logLevel.ERROR });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const next = saleEvents({ skus });
  const started = Date.now();
  let produced = 0;
  try {
    if (rate) {
      // Steady rate: every 100 ms, the events due by then, stamped with the wall clock.
      while (produced < events) {
        const due = Math.min(events, Math.floor(((Date.now() - started) / 1000) * rate) + Math.ceil(rate / 10));
        const messages = [];
        while (produced + messages.length < due) messages.push(next(Date.now()));
        if (messages.length > 0) await producer.send({ topic, messages });
        produced += messages.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } else {
      const origin = Date.now() - hours * 3_600_000;
      const step = (hours * 3_600_000) / events;
      while (produced < events) {
        const batch = Math.min(5000, events - produced);
        const messages = Array.from({ length: batch }, (_, j) => next(origin + (produced + j) * step));
        await producer.send({ topic, messages });
        produced += batch;
      }
    }
  } finally {
    await producer.disconnect();
  }
  return { produced, elapsedMs: Date.now() - started };
}
