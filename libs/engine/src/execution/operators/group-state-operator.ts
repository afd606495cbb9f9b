// groupByKey(...).flatMapGroupsWithState: per key, the user function sees the batch's rows and its
// state; then keys whose timeout passed are called with no rows (SEMANTICS.md (i)). State is JSON
// per key, checkpointed by key partition like the aggregation state.
import type { AnalyzedPlan } from '../../analysis/analyzed-plan';
import { type ColumnBatch, concatBatches, gatherBatch } from '../../columnar/column-batch';
import type { NumberColumn } from '../../columnar/column-data';
import { type Row, batchFromRows, batchToRows } from '../../columnar/row-conversion';
import { StringDictionary } from '../../columnar/string-dictionary';
import { EngineError } from '../../errors/engine-error';
import { describeError } from '../../errors/error-text';
import { type StateColumn, decodeState, encodeState } from '../../state/state-codec';
import { evaluate } from '../evaluate';
import { GroupStateHandle } from '../group-state-handle';
import { type KeyValue, type StatePartitioning, encodeKey } from '../key-encoding';
import { KeyHashTable, mixHashes } from '../key-hash-table';
import { LateRowBuffer, maskedRows } from '../late-rows';
import { Operator, type OperatorContext, type StatefulOperator, type StatefulStats } from '../operator';
import { selectedRows } from './simple-operators';
import { type StructType, structType } from '../../types/data-type';

type GroupStatePlan = Extract<AnalyzedPlan, { kind: 'GroupState' }>;

export class GroupStateOperator extends Operator implements StatefulOperator {
  readonly stateKind = 'flatMapGroupsWithState';
  readonly stats: StatefulStats = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 };
  readonly lateRows = new LateRowBuffer();
  private readonly dict = new StringDictionary();
  private table: KeyHashTable;
  private values: unknown[] = [];
  private timeouts: number[] = [];
  private buffered: ColumnBatch[] = [];

  constructor(
    input: Operator,
    private readonly plan: GroupStatePlan,
    readonly operatorId: number,
  ) {
    super(plan.schema, [input]);
    this.table = new KeyHashTable(plan.keys.length);
  }

  get numStateRows(): number {
    return this.values.reduce<number>((n, v) => n + (v === undefined ? 0 : 1), 0);
  }

  override open(ctx: OperatorContext): void {
    super.open(ctx);
    this.buffered = [];
    Object.assign(this.stats, { numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 });
    this.lateRows.clear();
  }

  push(batch: ColumnBatch): void {
    this.buffered.push(this.dropLate(batch));
  }

  /** With an eventTime timeout, rows at or behind the watermark are filtered (Spark's behaviour). */
  private dropLate(batch: ColumnBatch): ColumnBatch {
    const column = this.plan.eventTimeColumn;
    if (this.ctx.mode !== 'stream' || this.plan.spec.timeout !== 'eventTime' || column === null) return batch;
    const time = batch.columns[column] as NumberColumn;
    const keep = new Uint8Array(batch.length);
    for (let i = 0; i < batch.length; i++) keep[i] = time.values[i] > this.ctx.lateWatermarkMs ? 1 : 0;
    const rows = selectedRows({ kind: 'bool', values: keep, valid: null }, batch.length);
    if (rows === null) return batch;
    this.stats.numRowsDroppedByWatermark += batch.length - rows.length;
    if (this.ctx.keepLateRows)
      this.lateRows.add(
        batch,
        maskedRows(
          keep.map((k) => 1 - k),
          batch.length,
        ),
      );
    return gatherBatch(batch, rows);
  }

  private keyIds(batch: ColumnBatch): Int32Array {
    const n = batch.length;
    const keys = this.plan.keys.map((k) => encodeKey(evaluate(k, batch), this.dict, n));
    const hashes = new Int32Array(n);
    keys.forEach((k) => mixHashes(hashes, k.values, k.nulls, n));
    const gids = new Int32Array(n);
    this.table.findOrInsert(
      keys.map((k) => k.values),
      keys.map((k) => k.nulls),
      hashes,
      n,
      gids,
    );
    return gids;
  }

  private keyRow(g: number): Row {
    const row: Row = {};
    this.plan.keys.forEach((k, c) => {
      const isNull = this.table.nulls[c]?.[g] === 1;
      const v = this.table.keys[c][g];
      row[this.plan.keyNames[c]] =
        isNull || (k.type === 'string' && v < 0) ? null : k.type === 'string' ? this.dict.strings[v] : k.type === 'boolean' ? v === 1 : v;
    });
    return row;
  }

  protected override flush(): void {
    const stream = this.ctx.mode === 'stream';
    const input = concatBatches(this.plan.child.schema, this.buffered);
    this.buffered = [];
    const gids = this.keyIds(input);
    const rows = batchToRows(input);
    const byGroup = new Map<number, Row[]>();
    for (let i = 0; i < input.length; i++) {
      const list = byGroup.get(gids[i]);
      if (list) list.push(rows[i]);
      else byGroup.set(gids[i], [rows[i]]);
    }
    const output: Row[] = [];
    let updated = 0;
    let removed = 0;
    const call = (g: number, groupRows: Row[], timedOut: boolean) => {
      const handle = new GroupStateHandle<unknown>(
        stream ? this.values[g] : undefined,
        this.plan.spec.timeout,
        timedOut,
        this.ctx.watermarkMs,
        this.ctx.batchTimestampMs,
      );
      for (const row of this.plan.spec.fn(this.keyRow(g), groupRows, handle)) output.push(row);
      if (handle.changed) {
        if (handle.exists) updated++;
        else if (this.values[g] !== undefined) removed++;
      }
      if (handle.changed) this.values[g] = handle.exists ? handle.get() : undefined;
      this.timeouts[g] = handle.timeoutAt;
    };
    for (const [g, groupRows] of byGroup) call(g, groupRows, false);
    if (stream && this.plan.spec.timeout !== 'none') {
      for (let g = 0; g < this.table.size; g++) {
        if (byGroup.has(g) || this.values[g] === undefined || Number.isNaN(this.timeouts[g] ?? Number.NaN)) continue;
        const deadline = this.timeouts[g];
        const expired = this.plan.spec.timeout === 'eventTime' ? deadline < this.ctx.watermarkMs : deadline < this.ctx.batchTimestampMs;
        if (expired) call(g, [], true);
      }
    }
    if (!stream) this.values = [];
    this.compactIfSparse();
    Object.assign(this.stats, { numRowsUpdated: updated, numRowsRemoved: removed, numRowsTotal: this.numStateRows });
    if (output.length === 0) return;
    try {
      this.emit(batchFromRows(output, this.plan.schema));
    } catch (error) {
      const code = error instanceof EngineError ? error.code : 'INVALID_INPUT';
      throw new EngineError(code, `the groupByKey function returned rows that do not match its output schema: ${describeError(error)}`, { cause: error });
    }
  }

  private compactIfSparse(): void {
    const size = this.table.size;
    const live: number[] = [];
    for (let g = 0; g < size; g++) if (this.values[g] !== undefined) live.push(g);
    if (live.length * 2 >= size || size < 1024) return;
    this.table.compact(Int32Array.from(live));
    this.values = live.map((g) => this.values[g]);
    this.timeouts = live.map((g) => this.timeouts[g]);
  }

  shouldRunNoDataBatch(newWatermarkMs: number, ctx: OperatorContext, nowMs: number): boolean {
    const timeout = this.plan.spec.timeout;
    if (timeout === 'eventTime') return newWatermarkMs > ctx.watermarkMs;
    if (timeout === 'processingTime') {
      return this.timeouts.some((t, g) => !Number.isNaN(t) && this.values[g] !== undefined && t < nowMs);
    }
    return false;
  }

  /** Always a full snapshot: per-key state is small and opaque (JSON). */
  snapshot(partitioning: StatePartitioning, _version: number): Uint8Array[] {
    const numPartitions = partitioning.numPartitions;
    const live: number[] = [];
    for (let g = 0; g < this.table.size; g++) if (this.values[g] !== undefined) live.push(g);
    const keyRows = live.map((g) => this.keyRow(g));
    const names = this.plan.keyNames;
    const partOf = keyRows.map((row) => (numPartitions <= 1 ? 0 : partitioning.partitionOf(names.map((n) => row[n] as KeyValue))));
    return Array.from({ length: numPartitions }, (_, p) => {
      const members = live.filter((_, i) => partOf[i] === p);
      const rows = keyRows.filter((_, i) => partOf[i] === p);
      const columns: StateColumn[] = [
        { name: 'key', kind: 'string', values: rows.map((r) => JSON.stringify(names.map((n) => r[n]))) },
        { name: 'state', kind: 'string', values: members.map((g) => JSON.stringify(this.values[g])) },
        { name: 'timeout', kind: 'float', values: Float64Array.from(members, (g) => this.timeouts[g] ?? Number.NaN), nulls: null },
      ];
      return encodeState(columns, members.length);
    });
  }

  restore(chains: readonly (readonly Uint8Array[])[]): void {
    for (const chain of chains) {
      const bytes = chain[chain.length - 1];
      if (!bytes) continue;
      const state = decodeState(bytes);
      if (state.length === 0) continue;
      const keyTuples = state.strings('key').map((k) => JSON.parse(k as string) as unknown[]);
      const keyRows = keyTuples.map((tuple) => Object.fromEntries(this.plan.keyNames.map((n, c) => [n, tuple[c]])));
      const batch = batchFromRows(keyRows, keySchema(this.plan));
      const gids = this.keyIdsFromKeyBatch(batch);
      const values = state.strings('state');
      const timeouts = state.float('timeout').values;
      for (let i = 0; i < state.length; i++) {
        this.values[gids[i]] = JSON.parse(values[i] as string);
        this.timeouts[gids[i]] = timeouts[i];
      }
    }
  }

  private keyIdsFromKeyBatch(batch: ColumnBatch): Int32Array {
    const n = batch.length;
    const keys = batch.columns.map((c) => encodeKey(c, this.dict, n));
    const hashes = new Int32Array(n);
    keys.forEach((k) => mixHashes(hashes, k.values, k.nulls, n));
    const gids = new Int32Array(n);
    this.table.findOrInsert(
      keys.map((k) => k.values),
      keys.map((k) => k.nulls),
      hashes,
      n,
      gids,
    );
    return gids;
  }
}

function keySchema(plan: GroupStatePlan): StructType {
  return structType(plan.keys.map((k, c) => ({ name: plan.keyNames[c], type: k.type, nullable: true })));
}
