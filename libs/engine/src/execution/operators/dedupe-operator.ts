// dropDuplicatesWithinWatermark: passes on the first row of each key and drops the rest. In a stream a
// key is remembered until the watermark reaches its first row's event time + the watermark delay
// (Spark's semantics); rows at or behind the late-events watermark are dropped (or, with lateRows
// 'keep', passed on without deduplication). In a batch run every key is remembered.
import type { AnalyzedPlan } from '../../analysis/analyzed-plan';
import { type ColumnBatch, gatherBatch } from '../../columnar/column-batch';
import type { ColumnData, NumberColumn } from '../../columnar/column-data';
import { type DedupeKey, DedupeState, keyText } from '../dedupe-state';
import { LateRowBuffer } from '../late-rows';
import type { KeyValue, StatePartitioning } from '../key-encoding';
import { Operator, type OperatorContext, SnapshotSchedule, type StatefulOperator, type StatefulStats } from '../operator';

type DedupePlan = Extract<AnalyzedPlan, { kind: 'Dedupe' }>;

function valueReader(column: ColumnData): (row: number) => KeyValue {
  switch (column.kind) {
    case 'number':
      return (i) => (column.valid === null || column.valid[i] === 1 ? column.values[i] : null);
    case 'bool':
      return (i) => (column.valid === null || column.valid[i] === 1 ? column.values[i] === 1 : null);
    case 'string':
      return (i) => (column.codes[i] < 0 ? null : column.dict[column.codes[i]]);
    case 'struct':
      throw new Error('struct keys are rejected by analysis');
  }
}

export class DedupeOperator extends Operator implements StatefulOperator {
  readonly stateKind = 'dedupeWithinWatermark';
  readonly stats: StatefulStats = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 };
  readonly customMetrics = { numLateRowsKept: 0 };
  readonly lateRows = new LateRowBuffer();
  private readonly state: DedupeState;
  private readonly snapshots = new SnapshotSchedule();

  constructor(
    input: Operator,
    private readonly plan: DedupePlan,
    readonly operatorId: number,
  ) {
    super(plan.schema, [input]);
    this.state = new DedupeState(plan.keys.length);
  }

  get numStateRows(): number {
    return this.state.size;
  }

  override open(ctx: OperatorContext): void {
    super.open(ctx);
    Object.assign(this.stats, { numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 });
    this.customMetrics.numLateRowsKept = 0;
    this.lateRows.clear();
  }

  private keyReader(batch: ColumnBatch): (row: number) => DedupeKey {
    const readers = this.plan.keys.map((k) => valueReader(batch.columns[k]));
    if (readers.length === 1) return readers[0];
    return (i) => keyText(readers.map((read) => read(i)));
  }

  push(batch: ColumnBatch): void {
    const n = batch.length;
    if (n === 0) return;
    const { plan, ctx, state, stats } = this;
    const keyOf = this.keyReader(batch);
    const time = ctx.mode === 'stream' && plan.timeColumn !== null ? (batch.columns[plan.timeColumn] as NumberColumn) : null;
    const delay = plan.delayMs ?? 0;
    const keep = new Int32Array(n);
    let kept = 0;
    const late: number[] = [];
    for (let i = 0; i < n; i++) {
      let expiresAt = Infinity;
      if (time) {
        const known = time.valid === null || time.valid[i] === 1;
        if (known && time.values[i] <= ctx.lateWatermarkMs) {
          if (plan.lateRows === 'keep') {
            keep[kept++] = i;
            this.customMetrics.numLateRowsKept++;
          } else {
            stats.numRowsDroppedByWatermark++;
            if (ctx.keepLateRows) late.push(i);
          }
          continue;
        }
        // a row without event time is remembered for one delay from the current watermark
        expiresAt = (known ? time.values[i] : ctx.watermarkMs) + delay;
      }
      const key = keyOf(i);
      if (state.has(key)) continue;
      state.add(key, expiresAt);
      stats.numRowsUpdated++;
      keep[kept++] = i;
    }
    this.lateRows.add(batch, Int32Array.from(late));
    this.emit(kept === n ? batch : gatherBatch(batch, keep.subarray(0, kept)));
  }

  protected override flush(): void {
    if (this.ctx.mode === 'stream') this.stats.numRowsRemoved = this.state.evict(this.ctx.watermarkMs);
    this.stats.numRowsTotal = this.state.size;
  }

  shouldRunNoDataBatch(newWatermarkMs: number, ctx: OperatorContext): boolean {
    return newWatermarkMs > ctx.watermarkMs && this.state.lowestExpiry <= newWatermarkMs;
  }

  snapshot(partitioning: StatePartitioning, version: number): Uint8Array[] {
    const full = this.snapshots.isFull(version);
    return this.state.snapshot(partitioning, full);
  }

  restore(chains: readonly (readonly Uint8Array[])[]): void {
    for (const chain of chains) this.state.restore(chain);
  }
}
