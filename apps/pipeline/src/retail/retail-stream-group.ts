// Consumer-group scale-out: processes sharing a group id split the `sales` partitions; each runs one
// retail stream per owned partition (query name `p<n>/retail`, its checkpoint in Postgres).
// On a rebalance the new owner fences the old one (claimPartitions) and resumes that partition's
// checkpoint: offsets and keyed state together. SKUs are the Kafka key, so partition states are disjoint.
// Each partition's stream restarts by itself after a lost Kafka/Postgres connection (recovery/).
import { randomBytes } from 'node:crypto';
import { isPartitionLoss, PartitionRunner } from '@shelfstream/kafka-connector';
import { claimPartitions } from '@shelfstream/postgres-connector';
import { createLogger, type Logger } from '@shelfstream/platform';
import type { Pool } from 'pg';
import { type RestartPolicy, SelfHealingStream } from '../recovery/self-healing-stream';
import { isTransientFailure } from '../recovery/transient-failure';
import { type RetailStream, type RetailStreamOptions, retailQueryName, startRetailStream } from './retail-stream';

export interface RetailStreamGroup {
  partitions(): readonly number[];
  /** The streams running here now, by partition. */
  readonly streams: ReadonlyMap<number, RetailStream>;
  processAllAvailable(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRetailStreamGroup(
  pool: Pool,
  options: RetailStreamOptions & {
    readonly group: string;
    readonly onChange?: (partitions: readonly number[]) => void;
    readonly restartPolicy?: RestartPolicy;
    /** A partition's stream failed for good (not transient, or the outage lasted too long). */
    readonly onFatal?: (partition: number, error: unknown) => void;
    /** Each partition stream as it starts or restarts (e.g. to record its progress). */
    readonly onStream?: (stream: RetailStream) => void;
    /** Where restarts and partition failures are logged (JSON lines). */
    readonly logger?: Logger;
  },
): Promise<RetailStreamGroup> {
  const logger = options.logger ?? createLogger('stream');
  const owner = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const base = options.queryPrefix ?? '';
  const streams = new Map<number, RetailStream>();
  const runner = new PartitionRunner({
    topic: options.topic,
    groupId: options.group,
    brokers: options.brokers,
    startPartition: async (partition) => {
      const queryPrefix = `${base}p${partition}/`;
      const start = async () => {
        // fence the previous owner's commits before resuming this partition's checkpoint
        await claimPartitions(pool, retailQueryName(queryPrefix), `kafka:${options.topic}`, [partition], owner);
        return startRetailStream(pool, { ...options, queryPrefix, partitions: [partition], owner });
      };
      const healing = new SelfHealingStream<RetailStream>({
        initial: await start(),
        start,
        policy: options.restartPolicy,
        // fenced while the group still gives it to us: a member acting on an older assignment claimed
        // it; claim it back (the group's newest assignment is the arbiter)
        isTransient: (error) => isTransientFailure(error) || (isPartitionLoss(error) && runner.owns(partition)),
        log: (line) => logger.warn({ partition }, line),
        onStart: (stream) => {
          streams.set(partition, stream);
          options.onStream?.(stream);
        },
      });
      healing.run().catch((error: unknown) => {
        // moved to another member: the runner stops this partition's stream; nothing failed
        if (isPartitionLoss(error) && !runner.owns(partition)) logger.info({ partition }, `stream: partition ${partition} moved to another member`);
        else options.onFatal?.(partition, error);
      });
      return {
        stop: async () => {
          streams.delete(partition);
          await healing.stop();
        },
      };
    },
    onChange: options.onChange,
    onError: (partition, error) => logger.error({ partition, err: error }, `stream: partition ${partition}: ${(error as Error).message}`),
  });
  await runner.start();
  return {
    partitions: () => runner.partitions(),
    streams,
    processAllAvailable: async () => {
      await Promise.all([...streams.values()].map((s) => s.processAllAvailable()));
    },
    stop: () => runner.stop(),
  };
}
