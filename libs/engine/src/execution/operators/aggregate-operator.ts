// Hash aggregation with optional time window, shared by batch and streaming. In a stream it keeps its
// state across batches and applies the output mode: late rows dropped by window end, append emits on
// eviction, update emits changed groups, complete emits everything (SEMANTICS.md (c)-(e)).
import type { AnalyzedPlan } from '../../analysis/analyzed-plan';
import type { ColumnBatch } from '../../columnar/column-batch';
import { columnBatch } from '../../columnar/column-batch';
import type { ColumnData, NumberColumn } from '../../columnar/column-data';
import { type AccumulatorInput, accumulate } from '../accumulators';
import { AggregationState } from '../aggregation-state';
import { evaluate } from '../evaluate';
import { type EncodedKey, encodeKey } from '../key-encoding';
import { KeyHashTable, mixHashes } from '../key-hash-table';
import { Operator, type OperatorContext, type StatefulOperator, type StatefulStats } from '../operator';

type AggregatePlan = Extract<AnalyzedPlan, { kind: 'Aggregate' }>;

export class AggregateOperator extends Operator implements StatefulOperator {
  readonly state: AggregationState;
  readonly stats: StatefulStats = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 };
  private readonly dropped: KeyHashTable;
  private lowestEventTime = Infinity;
  private scratch = { gids: new Int32Array(0), hashes: new Int32Array(0), base: new Int32Array(0), starts: new Float64Array(0), active: new Uint8Array(0) };

  constructor(
    input: Operator,
    private readonly plan: AggregatePlan,
    readonly operatorId: number,
  ) {
    super(plan.schema, [input]);
    this.state = new AggregationState(
      plan.keys.map((k) => ({ type: k === null ? 'window' : k.type, windowSizeMs: plan.window?.sizeMs ?? 0 })),
      plan.aggs,
    );
    this.dropped = new KeyHashTable(plan.keys.length);
  }

  get numStateRows(): number {
    return this.state.size;
  }

  private get streamingState(): boolean {
    return this.ctx.mode === 'stream';
  }

  override open(ctx: OperatorContext): void {
    super.open(ctx);
    this.dropped.clear();
    this.stats.numRowsUpdated = 0;
    this.stats.numRowsRemoved = 0;
    this.stats.numRowsDroppedByWatermark = 0;
  }

  private scratchFor(n: number) {
    if (this.scratch.gids.length < n) {
      this.scratch = { gids: new Int32Array(n), hashes: new Int32Array(n), base: new Int32Array(n), starts: new Float64Array(n), active: new Uint8Array(n) };
    }
    return this.scratch;
  }

  push(batch: ColumnBatch): void {
    const n = batch.length;
    if (n === 0) return;
    const { plan, state } = this;
    const { gids, hashes, base, starts, active } = this.scratchFor(n);
    const keys: (EncodedKey | null)[] = plan.keys.map((k) => (k ? encodeKey(evaluate(k, batch), state.dict, n) : null));
    const inputs = plan.aggs.map((a) => (a.arg ? this.accumulatorInput(evaluate(a.arg, batch), n) : COUNT_STAR));
    base.fill(0, 0, n);
    keys.forEach((k) => {
      if (k) mixHashes(base, k.values, k.nulls, n);
    });
    const lateFilter = this.streamingState && this.ctx.outputMode !== 'complete' && plan.eventTimeKey !== null;
    const lateWm = this.ctx.lateWatermarkMs;
    const keyValues = keys.map((k) => (k ? k.values : starts));
    const keyNulls = keys.map((k) => (k ? k.nulls : null));
    const window = plan.window;

    const runPass = (activeMask: Uint8Array | null) => {
      const before = state.size;
      hashes.set(base.subarray(0, n));
      if (window) mixHashes(hashes, starts, null, n);
      if (lateFilter && activeMask) this.filterLate(activeMask, keyValues, keyNulls, hashes, n, lateWm);
      state.table.findOrInsert(keyValues, keyNulls, hashes, n, gids, activeMask);
      plan.aggs.forEach((a, j) => accumulate(a.fn, state.slots[j], gids, n, inputs[j]));
      if (this.streamingState) {
        state.markDirty(gids, n);
        if (plan.eventTimeKey) for (let g = before; g < state.size; g++) this.noteEventTime(state.eventTimeOf(plan.eventTimeKey.keyIndex, g));
      }
    };

    if (!window) {
      if (lateFilter) {
        active.fill(1, 0, n);
        runPass(active.subarray(0, n));
      } else runPass(null);
      return;
    }
    const time = evaluate(window.time, batch) as NumberColumn;
    const t = time.values;
    const { sizeMs: W, slideMs: S, startMs: O } = window;
    const passes = Math.ceil(W / S);
    for (let k = 0; k < passes; k++) {
      const shift = k * S;
      for (let i = 0; i < n; i++) {
        let r = (t[i] - O) % S;
        if (r < 0) r += S;
        const start = t[i] - r - shift;
        starts[i] = start;
        active[i] = start + W > t[i] && (time.valid === null || time.valid[i] === 1) ? 1 : 0;
      }
      runPass(active.subarray(0, n));
    }
  }

  /** Deactivates rows whose event-time key is at or behind the late watermark; counts distinct groups. */
  private filterLate(
    active: Uint8Array,
    keyValues: readonly Float64Array[],
    keyNulls: readonly (Uint8Array | null)[],
    hashes: Int32Array,
    n: number,
    lateWm: number,
  ): void {
    const et = this.plan.eventTimeKey!;
    const values = keyValues[et.keyIndex];
    const add = et.kind === 'window' ? this.plan.window!.sizeMs : 0;
    let late: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      if (active[i] === 1 && values[i] + add <= lateWm) {
        late ??= new Uint8Array(n);
        late[i] = 1;
        active[i] = 0;
      }
    }
    if (late) {
      const ids = new Int32Array(n);
      this.dropped.findOrInsert(keyValues, keyNulls, hashes, n, ids, late);
      this.stats.numRowsDroppedByWatermark = this.dropped.size;
    }
  }

  private noteEventTime(value: number): void {
    if (value < this.lowestEventTime) this.lowestEventTime = value;
  }

  private accumulatorInput(column: ColumnData, n: number): AccumulatorInput {
    if (column.kind === 'string') {
      const strings = this.state.dict.strings;
      const values = this.state.dict.encode(column, new Float64Array(n));
      let valid: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        if (values[i] < 0) {
          valid ??= new Uint8Array(n).fill(1);
          valid[i] = 0;
        }
      }
      return { values, valid, compare: (a, b) => (strings[a] < strings[b] ? -1 : strings[a] > strings[b] ? 1 : 0) };
    }
    if (column.kind === 'bool') return { values: Float64Array.from(column.values), valid: column.valid, compare: null };
    if (column.kind === 'number') return { values: column.values, valid: column.valid, compare: null };
    return { values: new Float64Array(n), valid: column.valid ?? new Uint8Array(n).fill(1), compare: null };
  }

  protected override flush(): void {
    const { state, plan } = this;
    const mode = this.streamingState ? this.ctx.outputMode : 'complete';
    if (this.streamingState) this.stats.numRowsUpdated = state.dirtyList.length;
    if (mode === 'complete') {
      state.takeDirty();
      this.emitGroups(Int32Array.from({ length: state.size }, (_, g) => g));
    } else {
      const changed = state.takeDirty();
      if (mode === 'update') this.emitGroups(changed);
      if (plan.eventTimeKey) this.evict(mode === 'append');
    }
    this.stats.numRowsTotal = state.size;
  }

  /** Removes groups whose event-time key is <= the watermark; append mode emits them. */
  private evict(emitEvicted: boolean): void {
    const wm = this.ctx.watermarkMs;
    if (this.lowestEventTime > wm) return;
    const { state } = this;
    const keyIndex = this.plan.eventTimeKey!.keyIndex;
    const kept: number[] = [];
    const evicted: number[] = [];
    let lowest = Infinity;
    for (let g = 0; g < state.size; g++) {
      const et = state.eventTimeOf(keyIndex, g);
      if (et <= wm) evicted.push(g);
      else {
        kept.push(g);
        if (et < lowest) lowest = et;
      }
    }
    this.lowestEventTime = lowest;
    if (evicted.length === 0) return;
    if (emitEvicted) this.emitGroups(Int32Array.from(evicted));
    state.compact(Int32Array.from(kept));
    this.stats.numRowsRemoved = evicted.length;
  }

  private emitGroups(groups: Int32Array): void {
    if (groups.length === 0) return;
    this.emit(columnBatch(this.schema, this.state.columns(groups), groups.length));
  }

  shouldRunNoDataBatch(newWatermarkMs: number, ctx: OperatorContext): boolean {
    return ctx.outputMode !== 'complete' && this.plan.eventTimeKey !== null && newWatermarkMs > ctx.watermarkMs;
  }

  snapshot(numPartitions: number): Uint8Array[] {
    return this.state.snapshot(numPartitions);
  }

  restore(partitions: readonly (Uint8Array | undefined)[]): void {
    this.state.restore(partitions);
    this.lowestEventTime = -Infinity; // unknown until the next eviction scan
  }
}

const COUNT_STAR: AccumulatorInput = { values: null, valid: null, compare: null };
