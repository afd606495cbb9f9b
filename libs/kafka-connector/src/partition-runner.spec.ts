import { describe, expect, it } from 'vitest';
import { type GroupMembership, isPartitionLoss, PARTITION_LOSS_CODES, PartitionRunner } from './partition-runner';

/** A group whose rebalances the test triggers by hand. */
function handGroup() {
  let owned: readonly number[] = [];
  let notify: () => void = () => undefined;
  const membership: GroupMembership = { start: async () => notify(), assigned: () => owned, stop: async () => undefined };
  return {
    factory: (onAssignment: () => void) => ((notify = onAssignment), membership),
    assign: (partitions: readonly number[]) => {
      owned = partitions;
      notify();
    },
  };
}

describe('PartitionRunner', () => {
  it('does not start a partition that a rebalance moved away while earlier starts were under way', async () => {
    const group = handGroup();
    const started: number[] = [];
    let releaseFirst: () => void = () => undefined;
    const firstStarting = new Promise<void>((resolve) => (releaseFirst = resolve));
    const runner = new PartitionRunner({
      topic: 't',
      groupId: 'g',
      membership: group.factory,
      startPartition: async (p) => {
        started.push(p);
        if (started.length === 1) await firstStarting;
        return { stop: async () => undefined };
      },
    });
    group.assign([0, 1, 2, 3]);
    const joined = runner.start();
    await new Promise((r) => setTimeout(r, 10));
    group.assign([0, 1]); // another member now holds 2 and 3: starting them would fence it
    releaseFirst();
    await joined;
    await runner.stop();
    expect(started).toEqual([0, 1]);
  });

  it('stops revoked partitions and starts newly assigned ones', async () => {
    const group = handGroup();
    const events: string[] = [];
    const runner = new PartitionRunner({
      topic: 't',
      groupId: 'g',
      membership: group.factory,
      startPartition: async (p) => (events.push(`start ${p}`), { stop: async () => void events.push(`stop ${p}`) }),
    });
    group.assign([0, 1]);
    await runner.start();
    group.assign([1, 2]);
    await runner.stop();
    expect(events).toEqual(['start 0', 'start 1', 'stop 0', 'start 2', 'stop 1', 'stop 2']);
    expect(runner.owns(2)).toBe(true);
  });
});

describe('isPartitionLoss', () => {
  it('finds a revoked, fenced or not-owned partition anywhere in the cause chain', () => {
    for (const code of PARTITION_LOSS_CODES) {
      const cause = Object.assign(new Error('lost'), { code });
      expect(isPartitionLoss(new Error('query failed', { cause }))).toBe(true);
    }
  });

  it('is false for other failures, and for a code only in the text', () => {
    expect(isPartitionLoss(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toBe(false);
    expect(isPartitionLoss(new Error('PARTITION_FENCED in the text only'))).toBe(false);
  });
});
