// Kafka sink: each batch's rows as JSON records (keyed by a column) in ONE Kafka transaction,
// so a batch appears whole or not at all to read-committed consumers. Headers carry the query
// name and batch id; a batch id this sink already wrote is skipped. Across a crash between the
// Kafka commit and the engine's commit log a batch may be written again (at least once, as
// Spark's Kafka sink): consumers dedupe by (query, batch id) headers or by the record's own id.
import { randomBytes } from 'node:crypto';
import { type DataType, type Table, Type } from 'apache-arrow';
import type { Message, Producer } from 'kafkajs';
import type { BatchContext, StreamSink } from '@shelfstream/engine';
import { type DeadLetter, deadLetterJson, type DeadLetterSink } from './dead-letter';
import { createKafka } from './kafka-client';
import { describeError, ConnectorError } from '@shelfstream/engine';

export interface KafkaSinkOptions {
  readonly topic: string;
  readonly brokers?: readonly string[];
  /** Column whose value is the record key (default: no key). */
  readonly keyColumn?: string;
  /** Columns in the JSON value (default all). */
  readonly columns?: readonly string[];
  /** Stable transactional id (default random per sink instance). */
  readonly transactionalId?: string;
  /**
   * Largest produce request (bytes of keys and values, default 512 KiB): a batch is sent in as many
   * requests as that takes, inside its one transaction, so no request passes the broker's limit.
   */
  readonly maxRequestBytes?: number;
}

export const DEFAULT_MAX_REQUEST_BYTES = 512 * 1024;
// per-record overhead of the Kafka record format (attributes, varints, headers) counted generously
const RECORD_OVERHEAD_BYTES = 64;

const byteSize = (v: Message['key'] | Message['value']): number =>
  v === null || v === undefined ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.byteLength;

function messageBytes(m: Message): number {
  let n = RECORD_OVERHEAD_BYTES + byteSize(m.key) + byteSize(m.value);
  for (const [k, v] of Object.entries(m.headers ?? {}))
    n += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : v instanceof Buffer ? v.byteLength : 0);
  return n;
}

/** Consecutive runs of messages whose sizes add up to at most `maxBytes` (a larger message goes alone). */
export function sizeBoundedChunks(messages: readonly Message[], maxBytes: number, maxCount = 10_000): Message[][] {
  const chunks: Message[][] = [];
  let current: Message[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = messageBytes(m);
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxCount)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function jsonValue(type: DataType, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (type.typeId === Type.Timestamp || type.typeId === Type.Date) return new Date(Number(v)).toISOString();
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return v;
}

/** JSON records of a table: { key, value } per row. */
export function tableToJsonMessages(data: Table, keyColumn?: string, columns?: readonly string[]): Message[] {
  const fields = data.schema.fields.filter((f) => !columns || columns.includes(f.name));
  const vectors = fields.map((f) => data.getChild(f.name)!);
  const key = keyColumn ? data.getChild(keyColumn) : null;
  if (keyColumn && !key) throw new ConnectorError('SCHEMA_MISMATCH', `no key column "${keyColumn}" in the batch`);
  const out: Message[] = [];
  for (let i = 0; i < data.numRows; i++) {
    const value: Record<string, unknown> = {};
    for (let c = 0; c < fields.length; c++) value[fields[c].name] = jsonValue(fields[c].type, vectors[c].get(i));
    const k = key?.get(i);
    out.push({ key: k === null || k === undefined ? null : String(k), value: JSON.stringify(value) });
  }
  return out;
}

export class KafkaSink implements StreamSink {
  private producer: Producer | undefined;
  private readonly written = new Map<string, number>();

  constructor(private readonly options: KafkaSinkOptions) {}

  private async connect(): Promise<Producer> {
    if (!this.producer) {
      const kafka = createKafka(`shelfstream-sink-${this.options.topic}`, this.options.brokers);
      const producer = kafka.producer({
        transactionalId: this.options.transactionalId ?? `shelfstream-sink-${this.options.topic}-${randomBytes(4).toString('hex')}`,
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  async addBatch(data: Table, context: BatchContext): Promise<void> {
    if ((this.written.get(context.queryName) ?? -1) >= context.batchId) return;
    const messages = tableToJsonMessages(data, this.options.keyColumn, this.options.columns).map((m) => ({
      ...m,
      headers: { 'shelfstream-query': context.queryName, 'shelfstream-batch': String(context.batchId) },
    }));
    await this.sendInTransaction(messages);
    this.written.set(context.queryName, context.batchId);
  }

  /** Sends messages atomically (one transaction). */
  async sendInTransaction(messages: Message[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connect();
    const tx = await producer.transaction();
    try {
      for (const chunk of sizeBoundedChunks(messages, this.options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES)) {
        await tx.send({ topic: this.options.topic, messages: chunk });
      }
      await tx.commit();
    } catch (error) {
      await tx.abort().catch(() => undefined);
      throw new ConnectorError('SINK_ERROR', `writing to Kafka topic ${this.options.topic}: ${describeError(error)}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.producer?.disconnect();
    this.producer = undefined;
  }
}

export function kafkaSink(options: KafkaSinkOptions): KafkaSink {
  return new KafkaSink(options);
}

/** Dead letters to a topic: key = position, value = { raw (base64), code, message, topic, partition, offset }. */
export class KafkaDeadLetterSink implements DeadLetterSink {
  private readonly sink: KafkaSink;
  private readonly sent = new Set<string>();

  constructor(options: Omit<KafkaSinkOptions, 'keyColumn' | 'columns'>) {
    this.sink = new KafkaSink(options);
  }

  async write(letters: readonly DeadLetter[]): Promise<void> {
    const fresh = letters.filter((l) => !this.sent.has(l.position));
    await this.sink.sendInTransaction(fresh.map((l) => ({ key: l.position, value: deadLetterJson(l) })));
    for (const l of fresh) this.sent.add(l.position);
  }

  close(): Promise<void> {
    return this.sink.close();
  }
}

export function kafkaDeadLetters(options: Omit<KafkaSinkOptions, 'keyColumn' | 'columns'>): KafkaDeadLetterSink {
  return new KafkaDeadLetterSink(options);
}
