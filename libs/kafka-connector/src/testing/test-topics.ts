// Test helper: a uniquely named topic on the real broker (topics are never auto-created), deleted after.
import { randomBytes } from 'node:crypto';
import { type Message, Partitioners } from 'kafkajs';
import { createKafka } from '../kafka-client';
import { createTopicsReady } from '../topic-admin';

/** The brokers tests talk to: KAFKA_BROKERS (as `npm run infra:up` starts them), else this machine's. */
export function testBrokers(): string[] {
  return (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
}

export interface TestTopic {
  readonly name: string;
  readonly partitions: number;
  /** Sends messages (keyed messages land on the partition of their key). */
  produce(messages: readonly Message[]): Promise<void>;
  delete(): Promise<void>;
}

export async function createTestTopic(prefix = 'test', partitions = 6, brokers?: readonly string[]): Promise<TestTopic> {
  const name = `${prefix.replace(/[^a-zA-Z0-9._-]/g, '-')}-${randomBytes(4).toString('hex')}`;
  const kafka = createKafka(`test-topic-${name}`, brokers ?? testBrokers());
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsReady(admin, [{ topic: name, numPartitions: partitions, replicationFactor: 1 }]);
  } finally {
    await admin.disconnect();
  }
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  let connected = false;
  return {
    name,
    partitions,
    async produce(messages) {
      if (!connected) {
        await producer.connect();
        connected = true;
      }
      for (let i = 0; i < messages.length; i += 5000) {
        await producer.send({ topic: name, messages: messages.slice(i, i + 5000) });
      }
    },
    async delete() {
      if (connected) await producer.disconnect();
      const a = kafka.admin();
      await a.connect();
      await a.deleteTopics({ topics: [name] }).catch(() => undefined);
      await a.disconnect();
    },
  };
}
