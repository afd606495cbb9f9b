// The offset of a partitioned source (Kafka): the next offset to read per partition of one topic.
import type { Offset } from '@shelfstream/engine';

/** The offset shape of a partitioned source: next offset to read per partition. */
export interface PartitionedOffset {
  readonly topic: string;
  readonly partitions: Readonly<Record<string, number>>;
}

/** The offset as a PartitionedOffset, or undefined if it has another shape. */
export function asPartitionedOffset(offset: Offset | undefined): PartitionedOffset | undefined {
  if (!offset || typeof offset !== 'object' || Array.isArray(offset)) return undefined;
  const { topic, partitions } = offset;
  if (typeof topic !== 'string' || !partitions || typeof partitions !== 'object' || Array.isArray(partitions)) {
    return undefined;
  }
  if (!Object.values(partitions).every((v) => typeof v === 'number')) return undefined;
  return { topic, partitions: partitions as Record<string, number> };
}
