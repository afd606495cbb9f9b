// Unique topics per run (auto-create is off on the broker), deleted at teardown; and the wait for
// the API's price-changes consumer, which starts at the end of its topic and so must have joined
// before the first change is published.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from './wait';
import { createTopicsReady } from '@shelfstream/kafka-connector';

export function kafkaClient(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'e2e-harness', brokers, logLevel: logLevel.NOTHING });
}

/** Creates `e2e-<base>-<random>` for each base name with its partition count; returns the names by base. */
export async function createTopics<K extends string>(kafka: Kafka, specs: Record<K, number>): Promise<Record<K, string>> {
  const suffix = randomBytes(4).toString('hex');
  const bases = Object.keys(specs) as K[];
  const names = Object.fromEntries(bases.map((base) => [base, `e2e-${base}-${suffix}`])) as Record<K, string>;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopicsReady(
      admin,
      bases.map((base) => ({ topic: names[base], numPartitions: specs[base], replicationFactor: 1 })),
    );
  } finally {
    await admin.disconnect();
  }
  return names;
}

export async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
}

/** Waits until a consumer group whose id contains `idPart` is Stable (joined, partitions assigned). */
export async function waitForStableGroup(kafka: Kafka, idPart: string, timeoutMs: number): Promise<string> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await waitFor(
      `stable consumer group containing "${idPart}"`,
      async () => {
        const { groups } = await admin.listGroups();
        const ids = groups.map((g) => g.groupId).filter((id) => id.includes(idPart));
        if (ids.length === 0) return undefined;
        const described = await admin.describeGroups(ids);
        return described.groups.find((g) => g.state === 'Stable')?.groupId;
      },
      timeoutMs,
      250,
    );
  } finally {
    await admin.disconnect();
  }
}

/** Every message of `topic` up to its current end offsets (keys and values as text). */
export async function readTopic(kafka: Kafka, topic: string, timeoutMs = 15_000): Promise<{ key: string | null; value: string | null }[]> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const want = new Map(ends.map((e) => [e.partition, Number(e.high)]));
  const total = [...want.values()].reduce((a, b) => a + b, 0);
  const out: { key: string | null; value: string | null }[] = [];
  if (total === 0) return out;
  const consumer = kafka.consumer({ groupId: `e2e-reader-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (Number(message.offset) < (want.get(partition) ?? 0)) out.push({ key: message.key?.toString() ?? null, value: message.value?.toString() ?? null });
      },
    });
    await waitFor(`all ${total} messages of ${topic}`, () => (out.length >= total ? true : undefined), timeoutMs);
  } finally {
    await consumer.disconnect();
  }
  return out;
}
