// Reads exact offset ranges [from, to) of a topic's partitions with a kafkajs consumer (kafkajs has
// no manual assign()): the consumer joins a group (a private one when standalone, so it owns every
// partition), keeps partitions paused, and for a read seeks each partition to `from`, resumes it,
// collects records up to `to` and pauses it again. Positions live here, never in group commits.
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { ConnectorError } from '@shelfstream/engine';

export interface PartitionRange {
  readonly partition: number;
  readonly from: number;
  readonly to: number;
}

const MAX_RESEEKS = 3;

interface PendingRead {
  next: number;
  reseeks: number;
  readonly to: number;
  readonly records: KafkaMessage[];
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

export interface PartitionReaderOptions {
  readonly groupId: string;
  /** Called with the partitions this member owns after every (re)join. */
  readonly onAssignment?: (partitions: readonly number[]) => void;
  readonly readTimeoutMs?: number;
  /** Fetch size per partition (default 1 MiB). */
  readonly maxBytesPerPartition?: number;
}

export class PartitionReader {
  private readonly consumer: Consumer;
  private owned: number[] = [];
  private joined: Promise<void>;
  private markJoined!: () => void;
  private readonly pending = new Map<number, PendingRead>();
  private started = false;

  constructor(
    kafka: Kafka,
    readonly topic: string,
    private readonly options: PartitionReaderOptions,
  ) {
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      // small fetches: a fetch decodes everything it returns, and a read stops at its end offset
      maxBytes: 16 << 20,
      maxBytesPerPartition: options.maxBytesPerPartition ?? 1 << 20,
      // a paused consumer polls at this interval: short, so a new read starts at once
      maxWaitTimeInMs: 20,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      rebalanceTimeout: 20_000,
      retry: { retries: 10 },
    });
    this.joined = new Promise((resolve) => (this.markJoined = resolve));
    this.consumer.on(this.consumer.events.GROUP_JOIN, (event) => {
      const owned = [...(event.payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
      this.owned = owned;
      this.pauseAll(owned.filter((p) => !this.pending.has(p)));
      for (const [p, read] of this.pending) {
        if (!owned.includes(p)) {
          this.pending.delete(p);
          read.reject(new ConnectorError('PARTITION_REVOKED', `partition ${p} of ${topic} moved to another member`));
        } else {
          // a rejoin resets fetch positions: continue this read where it stands
          this.consumer.seek({ topic, partition: p, offset: String(read.next) });
        }
      }
      options.onAssignment?.(owned);
      this.markJoined();
    });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 8,
      eachBatch: (payload) => this.onBatch(payload),
    });
    await this.joined;
  }

  /** Partitions this member owns now. */
  assigned(): readonly number[] {
    return this.owned;
  }

  /** Resolves once the group assignment is known (after start). */
  whenJoined(): Promise<void> {
    return this.joined;
  }

  /** Records of every range, per partition, in offset order. */
  async read(ranges: readonly PartitionRange[]): Promise<Map<number, KafkaMessage[]>> {
    await this.start();
    const out = new Map<number, KafkaMessage[]>();
    const wanted = ranges.filter((r) => r.to > r.from);
    for (const r of wanted) {
      if (!this.owned.includes(r.partition)) {
        throw new ConnectorError('PARTITION_NOT_OWNED', `partition ${r.partition} of ${this.topic} is not owned by this member`);
      }
      if (this.pending.has(r.partition)) {
        throw new ConnectorError('SOURCE_ERROR', `partition ${r.partition} of ${this.topic} is already being read`);
      }
    }
    const partitions = wanted.map((r) => r.partition);
    if (partitions.length === 0) return out;
    let timer: NodeJS.Timeout | undefined;
    try {
      const waits = wanted.map((r) => {
        const records: KafkaMessage[] = [];
        out.set(r.partition, records);
        const wait = new Promise<void>((resolve, reject) => {
          this.pending.set(r.partition, { next: r.from, reseeks: 0, to: r.to, records, resolve, reject });
        });
        // observed by the race below; when a seek throws first, stop() must not turn it into an unhandled rejection
        wait.catch(() => undefined);
        this.consumerCall(() => this.consumer.seek({ topic: this.topic, partition: r.partition, offset: String(r.from) }));
        return wait;
      });
      this.consumerCall(() => this.consumer.resume([{ topic: this.topic, partitions }]));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new ConnectorError('SOURCE_UNAVAILABLE', `timed out reading ${this.topic} ranges ${JSON.stringify(ranges)}`)),
          this.options.readTimeoutMs ?? 60_000,
        );
      });
      await Promise.race([Promise.all(waits), timeout]);
    } finally {
      clearTimeout(timer);
      for (const p of partitions) this.pending.delete(p);
      this.pauseAll(partitions.filter((p) => this.owned.includes(p)));
    }
    return out;
  }

  /** seek/pause/resume throw once kafkajs has dropped the consumer (after a broker loss): the source is away, a restart makes a new one. */
  private consumerCall(call: () => void): void {
    try {
      call();
    } catch (error) {
      throw new ConnectorError('SOURCE_UNAVAILABLE', `the Kafka consumer of ${this.topic} is not running: ${(error as Error).message}`, { cause: error });
    }
  }

  private pauseAll(partitions: readonly number[]): void {
    if (partitions.length > 0) this.consumerCall(() => this.consumer.pause([{ topic: this.topic, partitions: [...partitions] }]));
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (payload.isStale()) return;
    const read = this.pending.get(batch.partition);
    if (!read) {
      this.pauseAll([batch.partition]);
      return;
    }
    const first = batch.firstOffset();
    if (first === null) return;
    if (Number(first) > read.next && read.reseeks < MAX_RESEEKS) {
      // a fetch from before the seek (or lost data): ask again from where this read stands
      read.reseeks++;
      this.consumer.seek({ topic: this.topic, partition: batch.partition, offset: String(read.next) });
      return;
    }
    for (const m of batch.messages) {
      const offset = Number(m.offset);
      if (offset < read.next) continue;
      if (offset >= read.to) break;
      read.records.push(m);
      read.next = offset + 1;
    }
    // offsets of transaction markers and aborted records count as read
    read.next = Math.max(read.next, Math.min(Number(batch.lastOffset()) + 1, read.to));
    payload.resolveOffset(batch.lastOffset());
    if (read.next >= read.to) {
      this.pending.delete(batch.partition);
      this.pauseAll([batch.partition]);
      read.resolve();
    }
  }

  async stop(): Promise<void> {
    for (const read of this.pending.values()) read.reject(new ConnectorError('SOURCE_ERROR', 'reader stopped'));
    this.pending.clear();
    if (this.started) await this.consumer.disconnect();
    this.started = false;
  }
}
