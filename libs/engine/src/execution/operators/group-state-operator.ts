// groupByKey(...).flatMapGroupsWithState: per key, the user function sees the batch's rows and its
// state; then keys whose timeout passed are called with no rows (SEMANTICS.md (i)). State is JSON
// per key, checkpointed by key partition like the aggregation state: a full snapshot on schedule, else
// a delta of the keys changed since the last snapshot (removed keys first, then the set ones).
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
import { Operator, type OperatorContext, SnapshotSchedule, type StatefulOperator, type StatefulStats } from '../operator';
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
  private readonly snapshots = new SnapshotSchedule();
  /** Since the last snapshot: keys whose state or timeout was set (by id), and removed keys (by key text). */
  private changedIds = new Set<number>();
  private readonly removedKeys = new Map<string, KeyValue[]>();

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
      if (stream && handle.changed && !handle.exists && this.values[g] !== undefined) {
        const key = this.keyValues(g);
        this.removedKeys.set(JSON.stringify(key), key);
      }
      if (handle.changed) this.values[g] = handle.exists ? handle.get() : undefined;
      if (stream && (handle.changed || !Object.is(this.timeouts[g], handle.timeoutAt))) this.changedIds.add(g);
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
    const moved = new Map(live.map((g, i) => [g, i]));
    this.changedIds = new Set([...this.changedIds].flatMap((g) => (moved.has(g) ? [moved.get(g)!] : [])));
  }

  private keyValues(g: number): KeyValue[] {
    const row = this.keyRow(g);
    return this.plan.keyNames.map((n) => row[n] as KeyValue);
  }

  shouldRunNoDataBatch(newWatermarkMs: number, ctx: OperatorContext, nowMs: number): boolean {
    const timeout = this.plan.spec.timeout;
    if (timeout === 'eventTime') return newWatermarkMs > ctx.watermarkMs;
    if (timeout === 'processingTime') {
      return this.timeouts.some((t, g) => !Number.isNaN(t) && this.values[g] !== undefined && t < nowMs);
    }
    return false;
  }

  /** Full on schedule (every live key), else a delta: removed keys (op 0), then keys set since the last one (op 1). */
  snapshot(partitioning: StatePartitioning, version: number): Uint8Array[] {
    const full = this.snapshots.isFull(version);
    const live = full ? this.liveIds() : [...this.changedIds].filter((g) => this.values[g] !== undefined);
    const removed = full ? [] : [...this.removedKeys.values()];
    this.changedIds.clear();
    this.removedKeys.clear();
    const entries = [...removed.map((key) => ({ key, g: -1 })), ...live.map((g) => ({ key: this.keyValues(g), g }))];
    const numPartitions = partitioning.numPartitions;
    const partOf = entries.map(({ key }) => (numPartitions <= 1 ? 0 : partitioning.partitionOf(key)));
    return Array.from({ length: numPartitions }, (_, p) => {
      const rows = entries.filter((_, i) => partOf[i] === p);
      const columns: StateColumn[] = [
        { name: 'key', kind: 'string', values: rows.map((r) => JSON.stringify(r.key)) },
        { name: 'state', kind: 'string', values: rows.map(({ g }) => (g < 0 ? null : JSON.stringify(this.values[g]))) },
        { name: 'timeout', kind: 'float', values: Float64Array.from(rows, ({ g }) => (g < 0 ? Number.NaN : (this.timeouts[g] ?? Number.NaN))), nulls: null },
      ];
      if (!full) columns.push({ name: 'op', kind: 'float', values: Float64Array.from(rows, ({ g }) => (g < 0 ? 0 : 1)), nulls: null });
      return encodeState(columns, rows.length, full ? 'full' : 'delta');
    });
  }

  private liveIds(): number[] {
    const live: number[] = [];
    for (let g = 0; g < this.table.size; g++) if (this.values[g] !== undefined) live.push(g);
    return live;
  }

  /** Applies each partition's chain, oldest first: a full snapshot, then its deltas. */
  restore(chains: readonly (readonly Uint8Array[])[]): void {
    for (const bytes of chains.flat()) {
      const state = decodeState(bytes);
      if (state.length === 0) continue;
      const keyTuples = state.strings('key').map((k) => JSON.parse(k as string) as unknown[]);
      const keyRows = keyTuples.map((tuple) => Object.fromEntries(this.plan.keyNames.map((n, c) => [n, tuple[c]])));
      const gids = this.keyIdsFromKeyBatch(batchFromRows(keyRows, keySchema(this.plan)));
      const values = state.strings('state');
      const timeouts = state.float('timeout').values;
      const op = state.kind === 'delta' ? state.float('op').values : null;
      for (let i = 0; i < state.length; i++) {
        const removed = op !== null && op[i] === 0;
        this.values[gids[i]] = removed ? undefined : JSON.parse(values[i] as string);
        this.timeouts[gids[i]] = removed ? Number.NaN : timeouts[i];
      }
    }
    this.changedIds.clear();
    this.removedKeys.clear();
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
