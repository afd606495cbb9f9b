// Splits a batch of Kafka rows into typed rows (schema fields + kept Kafka columns) and dead letters.
import { Field, Schema, Table, type Vector } from 'apache-arrow';
import { columnFromValues, recordBatchFromColumns } from '../files/arrow-columns';
import type { DeadLetter } from './dead-letter';
import { kafkaRowSchema } from './kafka-rows';
import type { RecordParser } from './record-parser';

export type KafkaColumn = 'key' | 'topic' | 'partition' | 'offset' | 'timestamp';

export interface ParseKafkaOptions {
  readonly schema: Schema;
  readonly parser: RecordParser;
  /** Kafka columns carried into the output (after the schema's fields); default none. */
  readonly keep?: readonly KafkaColumn[];
  readonly sourceName: string;
}

export interface ParsedRows {
  readonly rows: Table;
  readonly deadLetters: DeadLetter[];
}

export function parsedSchema(schema: Schema, keep: readonly KafkaColumn[] = []): Schema {
  const kafka = kafkaRowSchema('binary');
  return new Schema([...schema.fields, ...keep.map((k) => kafka.fields.find((f) => f.name === k) as Field)]);
}

export function parseKafkaRows(input: Table, options: ParseKafkaOptions): ParsedRows {
  const keep = options.keep ?? [];
  const out = parsedSchema(options.schema, keep);
  const fields = options.schema.fields;
  const value = input.getChild('value') as Vector | null;
  const topic = input.getChild('topic')!;
  const partition = input.getChild('partition')!;
  const offset = input.getChild('offset')!;
  const kept = keep.map((k) => input.getChild(k)!);
  const columns: unknown[][] = out.fields.map(() => []);
  const deadLetters: DeadLetter[] = [];
  for (let i = 0; i < input.numRows; i++) {
    const raw = value?.get(i) as Uint8Array | string | null;
    const bytes = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const result = options.parser(bytes ?? null);
    if (!result.ok) {
      const t = topic.get(i) as string;
      const p = partition.get(i) as number;
      const o = Number(offset.get(i));
      deadLetters.push({
        source: options.sourceName,
        position: `${t}/${p}/${o}`,
        raw: bytes ?? null,
        code: result.code,
        message: result.message,
        topic: t,
        partition: p,
        offset: o,
      });
      continue;
    }
    for (let c = 0; c < fields.length; c++) columns[c]!.push(result.value[fields[c]!.name] ?? null);
    for (let k = 0; k < kept.length; k++) columns[fields.length + k]!.push(kept[k]!.get(i));
  }
  const length = columns[0]?.length ?? 0;
  const data = out.fields.map((f, c) => columnFromValues(f.type, columns[c]!));
  return { rows: new Table(recordBatchFromColumns(out, data, length)), deadLetters };
}
