// Splits Kafka records into typed rows (schema fields + kept Kafka columns) and dead letters,
// parsing straight from the records' value bytes.
import { Field, Schema, Table, Type } from 'apache-arrow';
import { columnFromValues, dictionaryUtf8, recordBatchFromColumns } from '@shelfstream/engine';
import { type DeadLetter, deadLetterOf } from './dead-letter';
import { type KafkaRecord, kafkaRowSchema } from './kafka-rows';
import type { RecordParser } from './record-parser';

export type KafkaColumn = 'key' | 'topic' | 'partition' | 'offset' | 'timestamp';

export interface ParseKafkaOptions {
  readonly schema: Schema;
  readonly parser: RecordParser;
  /** Kafka columns carried into the output (after the schema's fields); default none. */
  readonly keep?: readonly KafkaColumn[];
  readonly sourceName: string;
  /** Bound of a dead letter's raw copy (default DEFAULT_MAX_DEAD_LETTER_RAW_BYTES). */
  readonly maxDeadLetterRawBytes?: number;
}

export interface ParsedRows {
  readonly rows: Table;
  readonly deadLetters: DeadLetter[];
}

/**
 * The output schema: the parse schema's fields, text as Arrow dictionaries (each distinct string is
 * encoded once, and the engine keeps the codes), then the kept Kafka columns.
 */
export function parsedSchema(schema: Schema, keep: readonly KafkaColumn[] = []): Schema {
  const kafka = kafkaRowSchema('binary');
  const fields = [...schema.fields, ...keep.map((k) => kafka.fields.find((f) => f.name === k) as Field)];
  return new Schema(fields.map((f) => (f.type.typeId === Type.Utf8 ? new Field(f.name, dictionaryUtf8(), f.nullable) : f)));
}

function kafkaColumn(column: KafkaColumn, topic: string, { partition, message }: KafkaRecord): unknown {
  switch (column) {
    case 'key':
      return message.key ? message.key.toString('utf8') : null;
    case 'topic':
      return topic;
    case 'partition':
      return partition;
    case 'offset':
      return BigInt(message.offset);
    case 'timestamp':
      return Number(message.timestamp);
  }
}

export function parseKafkaRecords(topic: string, records: readonly KafkaRecord[], options: ParseKafkaOptions): ParsedRows {
  const keep = options.keep ?? [];
  const out = parsedSchema(options.schema, keep);
  const names = options.schema.fields.map((f) => f.name);
  const fieldColumns = names.map((name) => ({ name, values: [] as unknown[] }));
  const keptColumns = keep.map((column) => ({ column, values: [] as unknown[] }));
  const deadLetters: DeadLetter[] = [];
  for (const record of records) {
    const raw = record.message.value;
    const result = options.parser(raw, { timestampMs: Number(record.message.timestamp) });
    if (!result.ok) {
      const offset = Number(record.message.offset);
      const position = `${topic}/${record.partition}/${offset}`;
      const letter = {
        source: options.sourceName,
        position,
        raw: raw ?? null,
        code: result.code,
        message: result.message,
        topic,
        partition: record.partition,
        offset,
      };
      deadLetters.push(deadLetterOf(letter, options.maxDeadLetterRawBytes));
      continue;
    }
    for (const f of fieldColumns) f.values.push(result.value[f.name] ?? null);
    for (const k of keptColumns) k.values.push(kafkaColumn(k.column, topic, record));
  }
  const columns = [...fieldColumns, ...keptColumns].map((c) => c.values);
  const length = columns[0]?.length ?? 0;
  const data = out.fields.map((f, c) => columnFromValues(f.type, columns[c] ?? []));
  return { rows: new Table(recordBatchFromColumns(out, data, length)), deadLetters };
}
