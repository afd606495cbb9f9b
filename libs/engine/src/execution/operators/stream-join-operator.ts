// Stream-stream join (Spark's StreamingSymmetricHashJoinExec): each side keeps its rows in state by
// join key. A new row joins with every stored row of the other side (which includes the other side's
// rows of this batch that came before it), then is stored itself, so each pair is produced once.
// Rows at or behind the late-events watermark are dropped (kept for a late-rows sink); at the end of a batch rows that can no
// longer match (time-range condition + watermark) are evicted, and in a left outer join the left
// ones that never joined are emitted with nulls.
import type { AnalyzedPlan, StreamJoinSpec } from '../../analysis/analyzed-plan';
import type { ColumnBatch } from '../../columnar/column-batch';
import { cellValue } from '../../columnar/row-conversion';
import { keyText } from '../dedupe-state';
import { conditionRows, joinedBatchFromValues, keepRows } from '../join-output';
import { LateRowBuffer } from '../late-rows';
import type { KeyValue, StatePartitioning } from '../key-encoding';
import { Operator, type OperatorContext, type StatefulOperator, type StatefulStats } from '../operator';
import { JoinSideState, type StoredRow, restoreJoinState, snapshotJoinState } from '../stream-join-state';

type JoinPlan = Extract<AnalyzedPlan, { kind: 'Join' }>;
type Side = 0 | 1;

/** Forwards one input of the join, tagged with its side. */
class JoinInput extends Operator {
  constructor(
    input: Operator,
    private readonly side: Side,
  ) {
    super(input.schema, [input]);
  }
  push(batch: ColumnBatch): void {
    (this.parent as StreamJoinOperator).pushSide(this.side, batch);
  }
}

export class StreamJoinOperator extends Operator implements StatefulOperator {
  readonly stateKind = 'streamStreamJoin';
  readonly stats: StatefulStats = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 };
  readonly lateRows = new LateRowBuffer();
  private readonly sides = [new JoinSideState(), new JoinSideState()] as const;
  private readonly keys: readonly (readonly number[])[];
  private readonly spec: StreamJoinSpec;
  /** Per side: its rows all come out of aggregations (judged by the late watermark - 1 ms, see Operator.followsAggregation). */
  sidesFollowAggregation: readonly [boolean, boolean] = [false, false];

  constructor(
    left: Operator,
    right: Operator,
    private readonly plan: JoinPlan,
    readonly operatorId: number,
  ) {
    super(plan.schema, [new JoinInput(left, 0), new JoinInput(right, 1)]);
    this.keys = [plan.leftKeys, plan.rightKeys];
    if (!plan.streamJoin) throw new Error('a stream-stream join needs its stream join spec');
    this.spec = plan.streamJoin;
  }

  get numStateRows(): number {
    return this.sides[0].size + this.sides[1].size;
  }

  override open(ctx: OperatorContext): void {
    super.open(ctx);
    Object.assign(this.stats, { numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 });
    this.lateRows.clear();
  }

  private keyOf(side: number, values: readonly unknown[]): KeyValue[] {
    return this.keys[side].map((c) => values[c] as KeyValue);
  }

  /** When the watermark evicts a row of `side`: the earliest time any range bound allows (Infinity: never). */
  private evictAt(side: Side, values: readonly unknown[]): number {
    let at = Infinity;
    for (const { column, offsetMs } of this.spec.eviction[side]) {
      const time = values[column] as number | null;
      // a null time never satisfies the range, so the row cannot match anything
      at = Math.min(at, time === null ? -Infinity : time - offsetMs);
    }
    return at;
  }

  push(): void {
    throw new Error('a stream-stream join is fed through its side inputs');
  }

  pushSide(side: Side, batch: ColumnBatch): void {
    const fields = batch.schema.fields;
    const lateColumn = this.spec.lateColumns[side];
    const other = this.sides[side === 0 ? 1 : 0];
    const pairs: [StoredRow, StoredRow][] = [];
    const unmatchable: (readonly unknown[])[] = [];
    const late: number[] = [];
    const lateWatermarkMs = this.ctx.lateWatermarkMs - (this.sidesFollowAggregation[side] ? 1 : 0);
    for (let i = 0; i < batch.length; i++) {
      const values = fields.map((f, c) => cellValue(batch.columns[c], f.type, i));
      if (lateColumn !== null && values[lateColumn] !== null && (values[lateColumn] as number) <= lateWatermarkMs) {
        this.stats.numRowsDroppedByWatermark++;
        if (this.ctx.keepLateRows) late.push(i);
        continue;
      }
      const key = this.keyOf(side, values);
      if (key.includes(null)) {
        // SQL equality never matches a null key: final at once (a left outer row with nulls)
        if (side === 0) unmatchable.push(values);
        continue;
      }
      const id = keyText(key);
      const row: StoredRow = { values, evictAt: this.evictAt(side, values), matched: false };
      for (const stored of other.rowsOf(id)) pairs.push(side === 0 ? [row, stored] : [stored, row]);
      this.sides[side].add(id, key, row);
      this.stats.numRowsUpdated++;
    }
    this.lateRows.add(batch, Int32Array.from(late));
    if (pairs.length > 0) {
      const candidates = joinedBatchFromValues(
        this.schema,
        pairs.map(([l, r]) => [l.values, r.values]),
        this.plan.rightOutput,
      );
      const kept = conditionRows(candidates, this.plan.condition);
      if (kept === null) pairs.forEach(([l]) => (l.matched = true));
      else kept.forEach((k) => (pairs[k][0].matched = true));
      this.emit(keepRows(candidates, kept));
    }
    this.emitWithNulls(unmatchable);
  }

  private emitWithNulls(leftRows: readonly (readonly unknown[])[]): void {
    if (this.plan.how !== 'left' || leftRows.length === 0) return;
    this.emit(
      joinedBatchFromValues(
        this.schema,
        leftRows.map((values) => [values, null]),
        this.plan.rightOutput,
      ),
    );
  }

  protected override flush(): void {
    const watermark = this.ctx.watermarkMs;
    const left = this.sides[0].evict(watermark);
    const right = this.sides[1].evict(watermark);
    this.emitWithNulls(left.filter((row) => !row.matched).map((row) => row.values));
    this.stats.numRowsRemoved = left.length + right.length;
    this.stats.numRowsTotal = this.numStateRows;
  }

  shouldRunNoDataBatch(newWatermarkMs: number, ctx: OperatorContext): boolean {
    return newWatermarkMs > ctx.watermarkMs && Math.min(this.sides[0].lowestEvictAt, this.sides[1].lowestEvictAt) <= newWatermarkMs;
  }

  snapshot(partitioning: StatePartitioning): Uint8Array[] {
    return snapshotJoinState(this.sides, this.schemas, partitioning);
  }

  restore(chains: readonly (readonly Uint8Array[])[]): void {
    // every version is a full snapshot: the newest of each chain is the state
    for (const chain of chains) {
      if (chain.length) restoreJoinState(chain[chain.length - 1], this.sides, this.schemas, (side, values) => this.keyOf(side, values));
    }
    this.stats.numRowsTotal = this.numStateRows;
  }

  private get schemas() {
    return [this.plan.left.schema, this.plan.right.schema];
  }
}
