// A Kafka topic as a replayable StreamSource. Offsets are { topic, partitions: { "<p>": next } }
// and live in the query's checkpoint, so (start, end] always reads the same records. In group
// mode several processes share the partitions; each reads only what the group gave it and
// resumes a newly owned partition where the last committed batch left it (`resumeOffsets`).
import { randomBytes } from 'node:crypto';
import type { Admin, Kafka } from 'kafkajs';
import type { Schema, Table } from 'apache-arrow';
import { ConnectorError } from '@shelfstream/engine';
import { asPartitionedOffset, type PartitionedOffset } from './partitioned-offset';
import type { Offset, StreamSource } from '@shelfstream/engine';
import { createKafka } from './kafka-client';
import { type KafkaRecord, kafkaRowSchema, kafkaRowsTable, type KafkaValueFormat } from './kafka-rows';
import { offsetsBehind, planEndOffsets } from './offset-planning';
import { PartitionReader } from './partition-reader';

export type StartingOffsets = 'earliest' | 'latest' | Readonly<Record<string, number>>;

export interface KafkaGroupOptions {
  readonly groupId: string;
  /** Where a newly owned partition resumes (e.g. `claimPartitions` from the Postgres connector). */
  readonly resumeOffsets?: (partitions: readonly number[]) => Promise<ReadonlyMap<number, number>>;
}

export interface KafkaSourceOptions {
  readonly topic: string;
  readonly brokers?: readonly string[];
  /** Source name in the checkpoint (default `kafka:<topic>`). */
  readonly name?: string;
  /** Where a query without a checkpoint starts (default 'latest', as in Spark). */
  readonly startingOffsets?: StartingOffsets;
  /** At most this many records per micro-batch, shared by the partitions by lag. */
  readonly maxOffsetsPerTrigger?: number;
  readonly valueAs?: KafkaValueFormat;
  /** Consumer-group mode: share the partitions with other processes. */
  readonly group?: KafkaGroupOptions;
  /** Read only these partitions (e.g. one query per partition, see PartitionRunner). */
  readonly partitions?: readonly number[];
  readonly readTimeoutMs?: number;
}

type PartitionMap = Map<number, number>;

const toMap = (o: PartitionedOffset): PartitionMap => new Map(Object.entries(o.partitions).map(([p, n]) => [Number(p), n]));

export class KafkaSource implements StreamSource {
  readonly name: string;
  readonly schema: Schema;
  private readonly kafka: Kafka;
  private admin: Admin | undefined;
  private readonly reader: PartitionReader;
  private readonly groupId: string;
  private initial: PartitionMap | undefined;
  /** Newly owned partitions resume here instead of the checkpoint's start (group mode). */
  private readonly resumed: PartitionMap = new Map();
  private lastEnd: PartitionMap | undefined;
  /** The broker's next offset per owned partition when the last batch was planned. */
  private latestSeen: PartitionMap = new Map();
  private ownershipChange: Promise<void> = Promise.resolve();
  private readonly listeners: ((partitions: readonly number[]) => void)[] = [];
  private stopping: Promise<void> | undefined;

  constructor(private readonly options: KafkaSourceOptions) {
    if (options.maxOffsetsPerTrigger !== undefined && !(options.maxOffsetsPerTrigger >= 1)) {
      throw new ConnectorError('INVALID_OPTION', 'maxOffsetsPerTrigger must be at least 1');
    }
    this.name = options.name ?? `kafka:${options.topic}`;
    this.schema = kafkaRowSchema(options.valueAs);
    this.kafka = createKafka(`shelfstream-${this.name}`, options.brokers);
    this.groupId = options.group?.groupId ?? `shelfstream-reader-${randomBytes(6).toString('hex')}`;
    this.reader = new PartitionReader(this.kafka, options.topic, {
      groupId: this.groupId,
      readTimeoutMs: options.readTimeoutMs,
      onAssignment: (owned) => {
        this.ownershipChange = this.ownershipChange.then(() => this.onAssignment(owned));
      },
    });
  }

  /** Partitions this source reads now (all of them, or `partitions`, when standalone). */
  ownedPartitions(): readonly number[] {
    return this.readable();
  }

  private readable(): readonly number[] {
    const only = this.options.partitions;
    return only ? this.reader.assigned().filter((p) => only.includes(p)) : this.reader.assigned();
  }

  /** Called after every group (re)assignment with the partitions now owned. */
  onPartitionsChanged(listener: (partitions: readonly number[]) => void): void {
    this.listeners.push(listener);
  }

  async start(): Promise<void> {
    if (!this.admin) {
      this.admin = this.kafka.admin();
      await this.admin.connect();
    }
    await this.reader.start();
    await this.ownershipChange;
  }

  private async onAssignment(owned: readonly number[]): Promise<void> {
    const fresh = owned.filter((p) => !this.lastEnd?.has(p) && !this.resumed.has(p));
    if (this.options.group?.resumeOffsets && fresh.length > 0) {
      for (const [p, n] of await this.options.group.resumeOffsets(fresh)) this.resumed.set(p, n);
    }
    for (const p of [...(this.lastEnd?.keys() ?? [])]) if (!owned.includes(p)) this.lastEnd!.delete(p);
    for (const p of [...this.latestSeen.keys()]) if (!owned.includes(p)) this.latestSeen.delete(p);
    for (const listener of this.listeners) listener(owned);
  }

  /**
   * Group mode, after a failed batch (a partition revoked, or a commit fenced by a new owner):
   * forget local positions and resume every owned partition from `resumeOffsets` again.
   */
  async resync(): Promise<void> {
    await this.ownershipChange;
    this.lastEnd = undefined;
    this.resumed.clear();
    const owned = this.readable();
    if (this.options.group?.resumeOffsets && owned.length > 0) {
      for (const [p, n] of await this.options.group.resumeOffsets(owned)) this.resumed.set(p, n);
    }
  }

  private async watermarks(): Promise<{ low: PartitionMap; high: PartitionMap }> {
    await this.start();
    const offsets = await this.admin!.fetchTopicOffsets(this.options.topic);
    return {
      low: new Map(offsets.map((o) => [o.partition, Number(o.low)])),
      high: new Map(offsets.map((o) => [o.partition, Number(o.high)])),
    };
  }

  private async initialOffsets(): Promise<PartitionMap> {
    if (!this.initial) {
      const { low, high } = await this.watermarks();
      const start = this.options.startingOffsets ?? 'latest';
      if (start === 'earliest') this.initial = low;
      else if (start === 'latest') this.initial = high;
      else this.initial = new Map([...low].map(([p, l]) => [p, Math.max(l, start[String(p)] ?? l)]));
    }
    return this.initial;
  }

  /** Next offset per owned partition after `start` (else the last batch's end if `orLastEnd`, else the starting offsets). */
  private async basePositions(start: Offset | undefined, orLastEnd: boolean): Promise<PartitionMap> {
    await this.start();
    await this.ownershipChange;
    const given = this.parse(start);
    const initial = await this.initialOffsets();
    const base: PartitionMap = new Map();
    for (const p of this.readable()) {
      const n = this.resumed.get(p) ?? (given ? toMap(given) : orLastEnd ? this.lastEnd : undefined)?.get(p) ?? initial.get(p) ?? 0;
      base.set(p, n);
    }
    return base;
  }

  private parse(offset: Offset | undefined): PartitionedOffset | undefined {
    if (offset === undefined || offset === null) return undefined;
    const p = asPartitionedOffset(offset);
    if (!p || p.topic !== this.options.topic) {
      throw new ConnectorError('INVALID_OFFSET', `not an offset of topic ${this.options.topic}: ${JSON.stringify(offset)}`);
    }
    return p;
  }

  private toOffset(map: PartitionMap): Offset {
    const partitions: Record<string, number> = {};
    for (const [p, n] of [...map].sort((a, b) => a[0] - b[0])) partitions[String(p)] = n;
    return { topic: this.options.topic, partitions };
  }

  /** `start` = the previous batch's end (pass it so maxOffsetsPerTrigger counts from there). */
  async latestOffset(start?: Offset): Promise<Offset | undefined> {
    const base = await this.basePositions(start, true);
    const { high } = await this.watermarks();
    const owned = new Map([...high].filter(([p]) => base.has(p)));
    this.latestSeen = owned;
    if (owned.size === 0) return undefined;
    return this.toOffset(planEndOffsets(base, owned, this.options.maxOffsetsPerTrigger));
  }

  /**
   * Consumer lag without a broker round trip: per owned partition, the records between `consumed` (e.g. a
   * committed batch's end offset) and the newest offset the broker reported when the last batch was planned.
   */
  offsetsBehindLatest(consumed: Offset): Map<number, number> {
    const at = this.parse(consumed);
    return at ? offsetsBehind(toMap(at), this.latestSeen) : new Map();
  }

  async getBatch(start: Offset | undefined, end: Offset): Promise<Table> {
    return kafkaRowsTable(this.options.topic, await this.getRecords(start, end), this.options.valueAs);
  }

  /** The records of (start, end] as kafkajs messages (what getBatch turns into Arrow rows). */
  async getRecords(start: Offset | undefined, end: Offset): Promise<KafkaRecord[]> {
    const to = this.parse(end);
    if (!to) throw new ConnectorError('INVALID_OFFSET', 'a Kafka batch needs an end offset');
    const base = await this.basePositions(start, false);
    const ranges = [...toMap(to)].filter(([p]) => base.has(p)).map(([partition, n]) => ({ partition, from: base.get(partition)!, to: n }));
    const missing = Object.keys(to.partitions)
      .map(Number)
      .filter((p) => !base.has(p));
    if (missing.length > 0 && !this.options.group) {
      throw new ConnectorError('INVALID_OFFSET', `partitions ${missing.join(', ')} of ${this.options.topic} do not exist`);
    }
    const byPartition = await this.reader.read(ranges);
    const records: KafkaRecord[] = [];
    for (const [partition, messages] of byPartition) for (const message of messages) records.push({ partition, message });
    this.lastEnd = new Map(ranges.map((r) => [r.partition, Math.max(r.from, r.to)]));
    for (const r of ranges) this.resumed.delete(r.partition);
    return records;
  }

  get topic(): string {
    return this.options.topic;
  }

  async commit(): Promise<void> {
    // positions live in the query's checkpoint and the sink's commit, not in group offsets
  }

  /** Leaves the group and disconnects; safe to call more than once (the engine and its owner both may). */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.reader.stop();
      if (this.admin) {
        if (!this.options.group) await this.admin.deleteGroups([this.groupId]).catch(() => undefined);
        await this.admin.disconnect();
        this.admin = undefined;
      }
    })();
    return this.stopping;
  }
}

export function kafkaSource(options: KafkaSourceOptions): KafkaSource {
  return new KafkaSource(options);
}
