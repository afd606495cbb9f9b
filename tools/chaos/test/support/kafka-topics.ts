// Kafka for the scenarios: unique topics on a given broker, an idempotent producer (a broker restart
// must not duplicate what we send), and reading a whole topic back (what the oracle counts as "events in").
import { randomBytes } from 'node:crypto';
import { sizeBoundedChunks } from '@shelfstream/kafka-connector';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import { createTopicsReady } from '@shelfstream/kafka-connector';

export interface RawMessage {
  readonly key: string | null;
  readonly value: Buffer | string | null;
  /** The record's Kafka timestamp (ms), on messages read back: the stream's receive time. */
  readonly timestampMs?: number;
}

/** Bytes per produce request: a 900 KB poison record goes alone, under the broker's 1 MB limit. */
const MAX_SEND_BYTES = 512 * 1024;

export interface ChaosTopics {
  readonly kafka: Kafka;
  readonly brokers: string[];
  /** Creates a topic named `<prefix>-<random>`; deleted by close(). */
  create(prefix: string, partitions: number): Promise<string>;
  producer(): Promise<Producer>;
  send(topic: string, messages: readonly RawMessage[]): Promise<void>;
  /**
   * Every message of the topic, from offset 0 to the current end of each partition. Reading ends when the
   * consumer's position reached every end (commit markers of a transactional topic included), not after a quiet spell.
   */
  readAll(topic: string, options?: { timeoutMs?: number }): Promise<RawMessage[]>;
  close(): Promise<void>;
}

export function chaosTopics(brokers: string[]): ChaosTopics {
  const kafka = new Kafka({
    clientId: `chaos-${randomBytes(3).toString('hex')}`,
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 12, initialRetryTime: 300, maxRetryTime: 5000 },
  });
  const created: string[] = [];
  let producer: Producer | null = null;
  const topics: ChaosTopics = {
    kafka,
    brokers,
    async create(prefix, partitions) {
      const name = `${prefix}-${randomBytes(4).toString('hex')}`;
      const admin = kafka.admin();
      await admin.connect();
      try {
        await createTopicsReady(admin, [{ topic: name, numPartitions: partitions, replicationFactor: 1 }]);
      } finally {
        await admin.disconnect();
      }
      created.push(name);
      return name;
    },
    async producer() {
      if (!producer) {
        producer = kafka.producer({
          idempotent: true,
          maxInFlightRequests: 1,
          createPartitioner: Partitioners.DefaultPartitioner,
          allowAutoTopicCreation: false,
        });
        await producer.connect();
      }
      return producer;
    },
    async send(topic, messages) {
      const p = await topics.producer();
      for (const chunk of sizeBoundedChunks(
        messages.map((m) => ({ key: m.key, value: m.value })),
        MAX_SEND_BYTES,
        2000,
      )) {
        await p.send({ topic, acks: -1, messages: chunk });
      }
    },
    async readAll(topic, { timeoutMs = 60_000 } = {}) {
      const admin = kafka.admin();
      await admin.connect();
      const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
      const want = new Map(ends.map((e) => [e.partition, Number(e.high)]));
      const unread = new Set(ends.filter((e) => Number(e.high) > 0).map((e) => e.partition));
      const out: RawMessage[] = [];
      if (unread.size === 0) return out;
      const consumer = kafka.consumer({ groupId: `chaos-reader-${randomBytes(4).toString('hex')}` });
      await consumer.connect();
      try {
        await consumer.subscribe({ topic, fromBeginning: true });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`[CHAOS_TIMEOUT] read ${out.length} messages of ${topic}; partitions ${[...unread].join(',')} not read to their end`)),
            timeoutMs,
          );
          // Emitted after a fetched batch was handled; its last offset counts control records (commit markers) too.
          consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
            if (Number(payload.lastOffset) >= (want.get(payload.partition) ?? 0) - 1) unread.delete(payload.partition);
            if (unread.size > 0) return;
            clearTimeout(timer);
            resolve();
          });
          void consumer.run({
            eachMessage: async ({ partition, message }) => {
              if (Number(message.offset) >= (want.get(partition) ?? 0)) return;
              out.push({ key: message.key?.toString() ?? null, value: message.value, timestampMs: Number(message.timestamp) });
            },
          });
        });
      } finally {
        await consumer.disconnect();
      }
      return out;
    },
    async close() {
      await producer?.disconnect().catch(() => undefined);
      const admin = kafka.admin();
      await admin.connect().catch(() => undefined);
      await admin.deleteTopics({ topics: created }).catch(() => undefined);
      await admin.disconnect().catch(() => undefined);
    },
  };
  return topics;
}
