// MemoryStream: a replayable in-memory StreamSource for tests. Each addData() call is one offset.
import type { Table } from 'apache-arrow';
import { batchesFromTable, fromArrowSchema } from '../columnar/arrow-import';
import { batchesToTable, toArrowSchema } from '../columnar/arrow-export';
import { type ColumnBatch, concatBatches } from '../columnar/column-batch';
import { type Row, batchFromRows } from '../columnar/row-conversion';
import type { EngineContext } from '../engine-context';
import { describeOffset } from '../errors/error-text';
import { EngineError } from '../errors/engine-error';
import { StreamRelationNode } from '../plan/plan-node';
import { type SchemaSpec, sameType, type StructType } from '../types/data-type';
import type { FrameRow } from './frame-types';
import type { ColumnarStreamSource } from '../streaming/columnar-source';
import type { Offset } from '../types/contracts';
import { DataFrame } from './dataframe';

let memoryStreamCounter = 0;

/** A memory source of schema S; `toDF()` is typed by it. */
export class MemoryStream<S extends SchemaSpec = SchemaSpec> implements ColumnarStreamSource {
  readonly name: string;
  readonly schema;
  private readonly blocks: ColumnBatch[] = [];

  constructor(
    private readonly engine: EngineContext,
    readonly structType: StructType<S>,
    name?: string,
  ) {
    this.name = name ?? `memory-${memoryStreamCounter++}`;
    this.schema = toArrowSchema(structType);
  }

  /** Appends rows (plain objects or an Arrow table); returns the new latest offset. */
  addData(data: readonly Row[] | Table): number {
    let batch: ColumnBatch;
    if (Array.isArray(data)) batch = batchFromRows(data as readonly Row[], this.structType);
    else {
      const table = data as Table;
      const got = fromArrowSchema(table.schema);
      const ok = this.structType.fields.every((f) => got.fields.some((g) => g.name === f.name && sameType(g.type, f.type)));
      if (!ok) throw new EngineError('INVALID_INPUT', 'the Arrow table does not match the MemoryStream schema');
      batch = concatBatches(this.structType, [...batchesFromTable(table, Number.MAX_SAFE_INTEGER, this.structType)]);
    }
    this.blocks.push(batch);
    return this.blocks.length;
  }

  toDF(): DataFrame<FrameRow<S>> {
    return new DataFrame<FrameRow<S>>(this.engine, StreamRelationNode.create(this, this.structType));
  }

  async latestOffset(): Promise<Offset | undefined> {
    return this.blocks.length === 0 ? undefined : this.blocks.length;
  }

  async getColumnarBatch(start: Offset | undefined, end: Offset): Promise<ColumnBatch[]> {
    const from = start === undefined || start === null ? 0 : Number(start);
    const to = Number(end);
    if (!(to >= from && to <= this.blocks.length)) {
      throw new EngineError('SOURCE_ERROR', `MemoryStream ${this.name}: no data after ${describeOffset(start)} up to ${describeOffset(end)}`);
    }
    return this.blocks.slice(from, to);
  }

  async getBatch(start: Offset | undefined, end: Offset): Promise<Table> {
    return batchesToTable(this.structType, await this.getColumnarBatch(start, end));
  }

  async commit(): Promise<void> {
    // keeps every block: tests replay from any offset after a restart
  }
  async stop(): Promise<void> {
    // no resources held
  }
}
