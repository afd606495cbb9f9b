// engine.read (bounded inputs) and engine.readStream (unbounded inputs).
import type { Schema as ArrowSchema, Table } from 'apache-arrow';
import { RecordBatch } from 'apache-arrow';
import { batchFromRecordBatch, batchesFromTable, fromArrowSchema } from '../columnar/arrow-import';
import type { ColumnBatch } from '../columnar/column-batch';
import { type Row, batchFromRows } from '../columnar/row-conversion';
import type { EngineContext } from '../engine-context';
import { EngineError } from '../errors/engine-error';
import { LocalRelationNode, StreamRelationNode } from '../plan/plan-node';
import type { BatchSource, StreamSource } from '../streaming/contracts';
import { MemoryStream } from '../streaming/memory-stream';
import type { StructType } from '../types/data-type';
import { DataFrame } from './dataframe';

const isStructType = (s: StructType | ArrowSchema): s is StructType => (s as StructType).kind === 'struct';

export class DataFrameReader {
  constructor(private readonly engine: EngineContext) {}

  /** Plain rows; timestamps may be ms numbers, Dates or ISO strings. */
  rows(rows: readonly Row[], schema: StructType): DataFrame {
    const batch = batchFromRows(rows, schema);
    return new DataFrame(this.engine, LocalRelationNode.create({ schema, immutable: true, chunks: () => [batch] }));
  }

  /** An Arrow table, consumed in chunks of at most `chunkRows` rows. */
  arrow(table: Table): DataFrame {
    const schema = fromArrowSchema(table.schema);
    const chunkRows = this.engine.options.chunkRows;
    return new DataFrame(this.engine, LocalRelationNode.create({ schema, immutable: true, chunks: () => batchesFromTable(table, chunkRows, schema) }));
  }

  /** Columnar batches already in engine form (benchmarks, internal callers). */
  batches(schema: StructType, batches: Iterable<ColumnBatch> | (() => Iterable<ColumnBatch>)): DataFrame {
    const chunks = typeof batches === 'function' ? batches : () => batches;
    return new DataFrame(this.engine, LocalRelationNode.create({ schema, immutable: true, chunks }));
  }

  /** A connector's bounded source (files, Postgres, ...), read chunk by chunk. */
  source(source: BatchSource): DataFrame {
    const schema = isStructType(source.schema) ? source.schema : fromArrowSchema(source.schema);
    const chunkRows = this.engine.options.chunkRows;
    async function* chunks(): AsyncGenerator<ColumnBatch> {
      for await (const part of source.batches()) {
        if (part instanceof RecordBatch) yield batchFromRecordBatch(part, schema);
        else yield* batchesFromTable(part, chunkRows, schema);
      }
    }
    return new DataFrame(this.engine, LocalRelationNode.create({ schema, chunks }));
  }
}

export class DataStreamReader {
  constructor(private readonly engine: EngineContext) {}

  /** A test source: `const s = engine.readStream.memory(schema); s.addData(rows); s.toDF()`. */
  memory(schema: StructType, name?: string): MemoryStream {
    return new MemoryStream(this.engine, schema, name);
  }

  /** Any replayable StreamSource (Kafka, files, ...). */
  source(source: StreamSource): DataFrame {
    if (!source?.name) throw new EngineError('INVALID_ARGUMENT', 'a stream source needs a stable name');
    return new DataFrame(this.engine, StreamRelationNode.create(source, fromArrowSchema(source.schema)));
  }
}
