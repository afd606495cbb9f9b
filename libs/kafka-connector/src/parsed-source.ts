// A Kafka source whose rows are parsed into typed columns; bad records go to dead-letter sinks
// (idempotent by position, so a replayed batch adds none twice) and the query goes on.
import type { Schema, Table } from 'apache-arrow';
import type { Offset, StreamSource } from '@shelfstream/engine';
import type { DeadLetterSink } from './dead-letter';
import type { KafkaSource } from './kafka-source';
import { type KafkaColumn, parseKafkaRecords, parsedSchema } from './parse-kafka-rows';
import type { RecordParser } from './record-parser';

export interface ParsedSourceOptions {
  readonly schema: Schema;
  readonly parser: RecordParser;
  readonly keep?: readonly KafkaColumn[];
  readonly deadLetters?: readonly DeadLetterSink[];
  /** Bound of a dead letter's raw copy (default DEFAULT_MAX_DEAD_LETTER_RAW_BYTES). */
  readonly maxDeadLetterRawBytes?: number;
  /** Runs before each batch's records are parsed (e.g. refresh what the parser checks against). */
  readonly beforeBatch?: () => Promise<void>;
}

export interface ParseCounts {
  readonly inputRows: number;
  readonly parsedRows: number;
  readonly deadLetters: number;
  readonly byCode: Readonly<Record<string, number>>;
}

/** What the parse step reports per batch as the engine's batch facts (`sources[].facts` of progress). */
export interface ParseFacts {
  readonly [fact: string]: unknown;
  readonly records: number;
  readonly deadLetters: number;
  readonly deadLettersByCode: Readonly<Record<string, number>>;
}

/** A parse step's facts from progress (`sources[].facts`), or undefined for a source that reports none. */
export function parseFactsOf(facts: Readonly<Record<string, unknown>> | undefined): ParseFacts | undefined {
  return facts && typeof facts['deadLetters'] === 'number' ? (facts as ParseFacts) : undefined;
}

export class ParsedKafkaSource implements StreamSource {
  readonly name: string;
  readonly schema: Schema;
  /** Counts of the last getBatch (for query progress). */
  lastCounts: ParseCounts | undefined;

  constructor(
    readonly inner: KafkaSource,
    private readonly options: ParsedSourceOptions,
  ) {
    this.name = inner.name;
    this.schema = parsedSchema(options.schema, options.keep);
  }

  latestOffset(start?: Offset): Promise<Offset | undefined> {
    return this.inner.latestOffset(start);
  }

  async getBatch(start: Offset | undefined, end: Offset): Promise<Table> {
    const records = await this.inner.getRecords(start, end);
    await this.options.beforeBatch?.();
    const { rows, deadLetters } = parseKafkaRecords(this.inner.topic, records, { ...this.options, sourceName: this.name });
    if (deadLetters.length > 0) {
      for (const sink of this.options.deadLetters ?? []) await sink.write(deadLetters);
    }
    const byCode: Record<string, number> = {};
    for (const d of deadLetters) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
    this.lastCounts = { inputRows: records.length, parsedRows: rows.numRows, deadLetters: deadLetters.length, byCode };
    return rows;
  }

  /** The last getBatch's records and dead letters (by code), for the batch's sinks and progress. */
  batchFacts(): ParseFacts | undefined {
    const counts = this.lastCounts;
    return counts && { records: counts.inputRows, deadLetters: counts.deadLetters, deadLettersByCode: counts.byCode };
  }

  ownedPartitions(): readonly number[] {
    return this.inner.ownedPartitions();
  }

  commit(): Promise<void> {
    return this.inner.commit();
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }
}

export function parsedKafkaSource(inner: KafkaSource, options: ParsedSourceOptions): ParsedKafkaSource {
  return new ParsedKafkaSource(inner, options);
}
