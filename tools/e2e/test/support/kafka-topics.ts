// Unique topics per run (auto-create is off on the broker), deleted at teardown; and the wait for
// the API's price-changes consumer, which starts at the end of its topic and so must have joined
// before the first change is published.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { waitFor } from './wait';

export function kafkaClient(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'e2e-harness', brokers, logLevel: logLevel.NOTHING });
}

export async function createTopics(kafka: Kafka, specs: Record<string, number>): Promise<Record<string, string>> {
  const suffix = randomBytes(4).toString('hex');
  const names = Object.fromEntries(Object.keys(specs).map((base) => [base, `e2e-${base}-${suffix}`]));
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: Object.entries(specs).map(([base, numPartitions]) => ({ topic: names[base]!, numPartitions, replicationFactor: 1 })),
    });
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
