// A kafkajs producer for the `sales` topic, and a check that the topic exists (auto-create is off).
import { CompressionTypes, type Kafka, logLevel, type Producer } from 'kafkajs';
import type { ErrorCode } from '@shelfstream/platform';

export class KafkaSetupError extends Error {
  readonly code = 'TOPIC_MISSING' satisfies ErrorCode;
}

/** Options of the simulate/replay clients (platform kafkaClient). */
export const SALES_KAFKA_OPTIONS = { logLevel: logLevel.ERROR, retry: { retries: 5 } };

export async function assertTopicExists(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
    const partitions = metadata?.topics[0]?.partitions.length ?? 0;
    if (partitions === 0) throw new KafkaSetupError(`Kafka topic "${topic}" does not exist (run npm run infra:up, or create it)`);
    return partitions;
  } finally {
    await admin.disconnect();
  }
}

export interface KeyedValue {
  readonly key: string;
  readonly value: string;
}

/** Sends one chunk (keyed by SKU so a SKU stays on one partition). */
export async function sendChunk(producer: Producer, topic: string, messages: readonly KeyedValue[]): Promise<void> {
  if (messages.length === 0) return;
  await producer.send({ topic, compression: CompressionTypes.None, messages: messages.map((m) => ({ key: m.key, value: m.value })) });
}

/**
 * Idempotent sends: a send retried after a lost acknowledgement is written once (the broker drops the
 * repeat by producer id and sequence), so a retry never duplicates an event_id on the topic.
 */
export const SALES_PRODUCER_CONFIG = { allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 } as const;

export function salesProducer(kafka: Kafka): Producer {
  return kafka.producer(SALES_PRODUCER_CONFIG);
}
