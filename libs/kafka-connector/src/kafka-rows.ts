// Kafka records -> an Arrow table with Spark's Kafka source columns.
import { Binary, Field, Int32, Int64, Schema, Table, TimestampMillisecond, Utf8 } from 'apache-arrow';
import type { KafkaMessage } from 'kafkajs';
import { recordBatchFromArrays } from '@shelfstream/engine';

export type KafkaValueFormat = 'binary' | 'string';

/** key (utf-8 text), value (bytes, or text), topic, partition, offset, timestamp (ms). */
export function kafkaRowSchema(valueAs: KafkaValueFormat = 'binary'): Schema {
  return new Schema([
    new Field('key', new Utf8(), true),
    new Field('value', valueAs === 'binary' ? new Binary() : new Utf8(), true),
    new Field('topic', new Utf8(), false),
    new Field('partition', new Int32(), false),
    new Field('offset', new Int64(), false),
    new Field('timestamp', new TimestampMillisecond('UTC'), false),
  ]);
}

export interface KafkaRecord {
  readonly partition: number;
  readonly message: KafkaMessage;
}

export function kafkaRowsTable(topic: string, records: readonly KafkaRecord[], valueAs: KafkaValueFormat = 'binary'): Table {
  const n = records.length;
  const keys = new Array<string | null>(n);
  const values = new Array<Uint8Array | string | null>(n);
  const partitions = new Int32Array(n);
  const offsets = new BigInt64Array(n);
  const times = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const { partition, message } = records[i];
    keys[i] = message.key ? message.key.toString('utf8') : null;
    values[i] = message.value ? (valueAs === 'binary' ? message.value : message.value.toString('utf8')) : null;
    partitions[i] = partition;
    offsets[i] = BigInt(message.offset);
    times[i] = Number(message.timestamp);
  }
  const schema = kafkaRowSchema(valueAs);
  return new Table(recordBatchFromArrays(schema, [keys, values, new Array(n).fill(topic), partitions, offsets, times]));
}
