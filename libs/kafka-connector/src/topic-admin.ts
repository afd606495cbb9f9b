// Creating topics and waiting until the broker serves every partition. Right after a create, a KRaft broker
// answers metadata requests with UNKNOWN_TOPIC_OR_PARTITION for a moment, which kafkajs' waitForLeaders does
// not retry ("This server does not host this topic-partition"); this polls until each partition has a leader.
import type { Admin, ITopicConfig } from 'kafkajs';

export async function createTopicsReady(admin: Admin, topics: ITopicConfig[], timeoutMs = 30_000): Promise<void> {
  await admin.createTopics({ topics, waitForLeaders: false });
  const deadline = Date.now() + timeoutMs;
  const wanted = new Map(topics.map((t) => [t.topic, t.numPartitions ?? 1]));
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: [...wanted.keys()] });
      const ready = found.every((t) => t.partitions.length >= (wanted.get(t.name) ?? 1) && t.partitions.every((p) => p.leader >= 0));
      if (ready && found.length === wanted.size) return;
    } catch (error) {
      if ((error as { retriable?: boolean }).retriable !== true || Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${[...wanted.keys()].join(', ')} have no leader for every partition after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
