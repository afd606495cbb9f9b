// Contract-shaped sales events (docs/contracts.md) produced to the environment's sales topic, keyed by SKU.
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';

export interface SaleOptions {
  readonly quantity?: number;
  readonly unitPrice?: number;
  readonly eventTime?: Date;
  readonly type?: 'sale' | 'return' | 'restock' | 'adjustment';
}

export function salesEvent(sku: string, options: SaleOptions = {}): Record<string, unknown> {
  return {
    event_id: randomUUID(),
    type: options.type ?? 'sale',
    sku,
    store: 'E2E-STORE',
    quantity: options.quantity ?? 1,
    unit_price: options.unitPrice ?? 1,
    currency: 'GBP',
    event_time: (options.eventTime ?? new Date()).toISOString(),
  };
}

export interface SalesProducer {
  /** Sends and resolves once every broker acknowledged (acks = all); returns the time it was acknowledged. */
  send(events: readonly Record<string, unknown>[]): Promise<number>;
  close(): Promise<void>;
}

export async function salesProducer(brokers: string[], topic: string): Promise<SalesProducer> {
  const kafka = new Kafka({ clientId: 'e2e-producer', brokers, logLevel: logLevel.NOTHING });
  const producer: Producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  return {
    async send(events) {
      await producer.send({ topic, acks: -1, messages: events.map((e) => ({ key: String(e.sku), value: JSON.stringify(e) })) });
      return performance.now();
    },
    close: () => producer.disconnect(),
  };
}
