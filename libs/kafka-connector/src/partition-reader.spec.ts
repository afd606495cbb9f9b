// A read that fails half-way (kafkajs dropped its consumer after a broker loss, so seek throws) leaves
// nothing behind: no pending range that blocks the next read, no rejection nobody handles on stop().
import type { Kafka } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { PartitionReader } from './partition-reader';

/** A consumer that joins owning partitions 0 and 1, and whose seek throws from the `failFrom`-th call. */
function droppedConsumer(failFrom: number) {
  let seeks = 0;
  let join: ((event: { payload: { memberAssignment: Record<string, number[]> } }) => void) | undefined;
  const consumer = {
    events: { GROUP_JOIN: 'consumer.group_join' },
    on: (_event: string, handler: typeof join) => (join = handler),
    connect: async () => undefined,
    subscribe: async () => undefined,
    run: async () => join?.({ payload: { memberAssignment: { sales: [0, 1] } } }),
    seek: () => {
      if (++seeks >= failFrom) throw new Error('Consumer group was not initialized, consumer#run must be called first');
    },
    pause: () => undefined,
    resume: () => undefined,
    disconnect: async () => undefined,
  };
  return { consumer: () => consumer } as unknown as Kafka;
}

const unhandled: unknown[] = [];
const record = (reason: unknown) => void unhandled.push(reason);

afterEach(() => {
  process.off('unhandledRejection', record);
  unhandled.length = 0;
});

describe('PartitionReader after its consumer is dropped', () => {
  it('fails the read as SOURCE_UNAVAILABLE, keeps no pending range and stops without an unhandled rejection', async () => {
    process.on('unhandledRejection', record);
    const reader = new PartitionReader(droppedConsumer(2), 'sales', { groupId: 'g' });
    const ranges = [
      { partition: 0, from: 0, to: 5 },
      { partition: 1, from: 0, to: 5 },
    ];
    await expect(reader.read(ranges)).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE', message: expect.stringContaining('not running') });
    // the next read fails for the same reason, not with "already being read"
    await expect(reader.read(ranges)).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
    await reader.stop();
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
  });
});
