// Scale-out by partition: the consumer group only decides WHO owns each partition; the owner runs
// one query per partition (its own checkpoint, e.g. in Postgres, so any process can resume it).
// On a rebalance the runner stops the queries of revoked partitions and starts those of newly
// assigned ones, which resume from that partition's checkpoint: offsets and state together.
import { hasErrorCode } from '@shelfstream/engine';
import type { Kafka } from 'kafkajs';
import { createKafka } from './kafka-client';
import { PartitionReader } from './partition-reader';

/** Codes of a partition this member no longer holds: revoked by a rebalance, or claimed (fenced) by another member. */
export const PARTITION_LOSS_CODES = ['PARTITION_REVOKED', 'PARTITION_FENCED', 'PARTITION_NOT_OWNED'] as const;

/** True when the failure, or one in its cause chain, says another group member has (or took) the partition. */
export const isPartitionLoss = (error: unknown): boolean => PARTITION_LOSS_CODES.some((code) => hasErrorCode(error, code));

export interface RunningPartition {
  stop(): Promise<void>;
}

/** Group membership: which partitions the group gives this member (a PartitionReader by default). */
export interface GroupMembership {
  start(): Promise<void>;
  assigned(): readonly number[];
  stop(): Promise<void>;
}

export interface PartitionRunnerOptions {
  readonly topic: string;
  readonly groupId: string;
  readonly brokers?: readonly string[];
  /** Starts the query of one partition (claim it first, so a previous owner's commits are fenced). */
  readonly startPartition: (partition: number) => Promise<RunningPartition>;
  /** Called after every change with the partitions running here. */
  readonly onChange?: (partitions: readonly number[]) => void;
  /** Called when starting or stopping a partition fails (the runner goes on). */
  readonly onError?: (partition: number, error: unknown) => void;
  /** Joins the group and calls `onAssignment` after every rebalance (default: the topic's consumer group). */
  readonly membership?: (onAssignment: () => void) => GroupMembership;
}

export class PartitionRunner {
  private readonly membership: GroupMembership;
  private readonly running = new Map<number, RunningPartition>();
  private changes: Promise<void> = Promise.resolve();

  constructor(private readonly options: PartitionRunnerOptions) {
    // every change applies the newest assignment: one that arrives while another is applied wins
    const onAssignment = () => {
      this.changes = this.changes.then(() => this.apply());
    };
    this.membership = options.membership?.(onAssignment) ?? consumerGroup(options, onAssignment);
  }

  /** Joins the group and starts the queries of the partitions it assigns here. */
  async start(): Promise<void> {
    await this.membership.start();
    await this.changes;
  }

  partitions(): readonly number[] {
    return [...this.running.keys()].sort((a, b) => a - b);
  }

  /** True while the group's newest assignment gives this member the partition. */
  owns(partition: number): boolean {
    return this.membership.assigned().includes(partition);
  }

  private async apply(): Promise<void> {
    const revoked = [...this.running.keys()].filter((p) => !this.owns(p));
    await Promise.all(revoked.map((p) => this.stopPartition(p)));
    for (const p of this.membership.assigned()) {
      // a later rebalance may have moved it meanwhile: starting it would fence its new owner
      if (this.running.has(p) || !this.owns(p)) continue;
      try {
        this.running.set(p, await this.options.startPartition(p));
      } catch (error) {
        this.options.onError?.(p, error);
      }
    }
    this.options.onChange?.(this.partitions());
  }

  private async stopPartition(p: number): Promise<void> {
    const query = this.running.get(p);
    this.running.delete(p);
    try {
      await query?.stop();
    } catch (error) {
      this.options.onError?.(p, error);
    }
  }

  /** Stops every partition's query and leaves the group. */
  async stop(): Promise<void> {
    await this.changes;
    await Promise.all([...this.running.keys()].map((p) => this.stopPartition(p)));
    await this.membership.stop();
  }
}

function consumerGroup(options: PartitionRunnerOptions, onAssignment: () => void): GroupMembership {
  const kafka: Kafka = createKafka(`shelfstream-runner-${options.groupId}`, options.brokers);
  return new PartitionReader(kafka, options.topic, { groupId: options.groupId, onAssignment });
}
