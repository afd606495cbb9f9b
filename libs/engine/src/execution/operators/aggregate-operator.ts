// Hash aggregation with an optional fixed (tumbling/sliding) window, shared by batch and streaming: the
// window assigner says which windows each row falls into. In a stream it keeps its state across
// batches and applies the output mode: late rows dropped by window end, append emits on eviction,
// update emits changed groups, complete emits everything (SEMANTICS.md (c)-(e)). Session windows
// merge, so they run in SessionAggregateOperator.
import type { AnalyzedPlan } from '../../analysis/analyzed-plan';
import type { ColumnBatch } from '../../columnar/column-batch';
import type { NumberColumn } from '../../columnar/column-data';
import { aggregateInputs, updateAggregates } from '../aggregate-set';
import { AggregationState } from '../aggregation-state';
import { type AggregationDelta, type EvictedKeys, restoreAggregation, snapshotAggregation } from '../aggregation-snapshot';
import { aggregateBatch } from '../aggregate-columns';
import { evaluate } from '../evaluate';
import { type EncodedKey, type StatePartitioning, encodeKey } from '../key-encoding';
import { KeyHashTable, mixHash, mixHashes } from '../key-hash-table';
import { LateRowBuffer, maskedRows } from '../late-rows';
import { Operator, type OperatorContext, SnapshotSchedule, type StatefulOperator, type StatefulStats } from '../operator';
import { type WindowAssigner, windowAssigner } from '../window-assigner';

type AggregatePlan = Extract<AnalyzedPlan, { kind: 'Aggregate' }>;

export class AggregateOperator extends Operator implements StatefulOperator {
  readonly stateKind = 'aggregate';
  readonly state: AggregationState;
  readonly stats: StatefulStats = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 };
  private readonly dropped: KeyHashTable;
  readonly lateRows = new LateRowBuffer();
  private lowestEventTime = Infinity;
  private readonly snapshots = new SnapshotSchedule();
  private pendingDelta: AggregationDelta = { changed: new Int32Array(0), evicted: NO_KEYS };
  private readonly assigner: WindowAssigner | null;
  private misses = new Uint8Array(0);
  private from = new Int32Array(0);
  private found = new Int32Array(0);
  private scratch = { gids: new Int32Array(0), hashes: new Int32Array(0), base: new Int32Array(0), starts: new Float64Array(0), active: new Uint8Array(0) };

  constructor(
    input: Operator,
    private readonly plan: AggregatePlan,
    readonly operatorId: number,
  ) {
    super(plan.schema, [input]);
    this.assigner = plan.window ? windowAssigner(plan.window) : null;
    if (this.assigner?.merging) throw new Error('merging windows run in SessionAggregateOperator');
    const windowSizeMs = this.assigner?.lengthMs ?? 0;
    this.state = new AggregationState(
      plan.keys.map((k) => ({ type: k === null ? 'window' : k.type, windowSizeMs })),
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
    this.lateRows.clear();
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
    const inputs = aggregateInputs(plan.aggs, batch, state.dict, n);
    base.fill(0, 0, n);
    keys.forEach((k) => {
      if (k) mixHashes(base, k.values, k.nulls, n);
    });
    const lateFilter = this.streamingState && this.ctx.outputMode !== 'complete' && plan.eventTimeKey !== null;
    const lateWm = this.ctx.lateWatermarkMs;
    const keyValues = keys.map((k) => (k ? k.values : starts));
    const keyNulls = keys.map((k) => (k ? k.nulls : null));
    const window = this.assigner;

    // link passes hash only the rows that probe a table (misses, late rows)
    const hashRows = (rows: Uint8Array) => {
      for (let i = 0; i < n; i++) if (rows[i] === 1) hashes[i] = window ? mixHash(base[i], starts[i], 0) : base[i];
    };
    const runPass = (activeMask: Uint8Array | null, followLinks: boolean) => {
      const before = state.size;
      if (!followLinks) {
        hashes.set(base.subarray(0, n));
        if (window) mixHashes(hashes, starts, null, n);
      }
      if (lateFilter && activeMask) {
        const late = this.filterLate(activeMask, keyValues, keyNulls, hashes, n, lateWm, followLinks ? hashRows : null);
        // a row late for its newest window (the first pass) is late for all of them: dropped
        if (late && !followLinks && this.ctx.keepLateRows) this.lateRows.add(batch, maskedRows(late, n));
      }
      if (followLinks && activeMask) this.findViaLinks(keyValues, keyNulls, hashes, n, gids, activeMask, hashRows);
      else state.table.findOrInsert(keyValues, keyNulls, hashes, n, gids, activeMask);
      updateAggregates(plan.aggs, state.slots, state.objects, gids, n, inputs);
      if (this.streamingState) {
        state.markDirty(gids, n);
        if (plan.eventTimeKey) for (let g = before; g < state.size; g++) this.noteEventTime(state.eventTimeOf(plan.eventTimeKey.keyIndex, g));
      }
    };

    if (!window) {
      if (lateFilter) {
        active.fill(1, 0, n);
        runPass(active.subarray(0, n), false);
      } else runPass(null, false);
      return;
    }
    const time = evaluate(plan.window!.time, batch) as NumberColumn;
    for (let k = 0; k < window.passes; k++) {
      window.assign(k, time, n, starts, active);
      runPass(active.subarray(0, n), k > 0);
    }
  }

  /**
   * Pass k > 0 of a sliding window: row i's group is the previous-window link of its group in pass
   * k - 1 (same key, start - slide); only rows without a known link probe the hash table.
   */
  private findViaLinks(
    keyValues: readonly Float64Array[],
    keyNulls: readonly (Uint8Array | null)[],
    hashes: Int32Array,
    n: number,
    gids: Int32Array,
    active: Uint8Array,
    hashRows: (rows: Uint8Array) => void,
  ): void {
    const links = this.state.previousWindow;
    const miss = this.missScratch(n);
    const from = this.fromScratch(n);
    let misses = 0;
    for (let i = 0; i < n; i++) {
      const prev = gids[i];
      from[i] = prev;
      miss[i] = 0;
      if (active[i] === 0) gids[i] = -1;
      else {
        const link = prev >= 0 ? links[prev] : -1;
        if (link >= 0) gids[i] = link;
        else {
          miss[i] = 1;
          misses++;
        }
      }
    }
    if (misses === 0) return;
    hashRows(miss);
    const found = this.foundScratch(n);
    this.state.table.findOrInsert(keyValues, keyNulls, hashes, n, found, miss);
    const updated = this.state.previousWindow;
    for (let i = 0; i < n; i++) {
      if (miss[i] === 1) {
        gids[i] = found[i];
        if (from[i] >= 0) updated[from[i]] = found[i];
      }
    }
  }

  private missScratch(n: number): Uint8Array {
    if (this.misses.length < n) this.misses = new Uint8Array(n);
    return this.misses;
  }
  private fromScratch(n: number): Int32Array {
    if (this.from.length < n) this.from = new Int32Array(n);
    return this.from;
  }
  private foundScratch(n: number): Int32Array {
    if (this.found.length < n) this.found = new Int32Array(n);
    return this.found;
  }

  /** Deactivates rows whose event-time key is at or behind the late watermark; counts distinct groups. */
  private filterLate(
    active: Uint8Array,
    keyValues: readonly Float64Array[],
    keyNulls: readonly (Uint8Array | null)[],
    hashes: Int32Array,
    n: number,
    lateWm: number,
    hashRows: ((rows: Uint8Array) => void) | null,
  ): Uint8Array | null {
    const et = this.plan.eventTimeKey!;
    const values = keyValues[et.keyIndex];
    const add = et.kind === 'window' ? this.assigner!.lengthMs : 0;
    let late: Uint8Array | null = null;
    for (let i = 0; i < n; i++) {
      if (active[i] === 1 && values[i] + add <= lateWm) {
        late ??= new Uint8Array(n);
        late[i] = 1;
        active[i] = 0;
      }
    }
    if (late) {
      hashRows?.(late);
      const ids = new Int32Array(n);
      this.dropped.findOrInsert(keyValues, keyNulls, hashes, n, ids, late);
      this.stats.numRowsDroppedByWatermark = this.dropped.size;
    }
    return late;
  }

  private noteEventTime(value: number): void {
    if (value < this.lowestEventTime) this.lowestEventTime = value;
  }

  protected override flush(): void {
    const { state, plan } = this;
    const mode = this.streamingState ? this.ctx.outputMode : 'complete';
    if (this.streamingState) this.stats.numRowsUpdated = state.dirtyList.length;
    let changed = state.takeDirty();
    let evicted: EvictedKeys = NO_KEYS;
    if (mode === 'complete') this.emitGroups(Int32Array.from({ length: state.size }, (_, g) => g));
    else {
      if (mode === 'update') this.emitGroups(changed);
      if (plan.eventTimeKey) {
        const result = this.evict(mode === 'append');
        if (result) {
          evicted = result.evicted;
          changed = survivors(changed, result.remap);
        }
      }
    }
    this.pendingDelta = { changed, evicted };
    this.stats.numRowsTotal = state.size;
  }

  /** Removes groups whose event-time key is <= the watermark; append mode emits them. */
  private evict(emitEvicted: boolean): { evicted: EvictedKeys; remap: Int32Array } | null {
    const wm = this.ctx.watermarkMs;
    if (this.lowestEventTime > wm) return null;
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
    if (evicted.length === 0) return null;
    const evictedIds = Int32Array.from(evicted);
    if (emitEvicted) this.emitGroups(evictedIds);
    const n = evictedIds.length;
    const keys = state.table.keys.map((k) => {
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = k[evictedIds[i]];
      return out;
    });
    const nulls = state.table.nulls.map((nl) => {
      if (!nl) return null;
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = nl[evictedIds[i]];
      return out;
    });
    const remap = state.compact(Int32Array.from(kept));
    this.stats.numRowsRemoved = evicted.length;
    return { evicted: { keys, nulls, length: evicted.length }, remap };
  }

  private emitGroups(groups: Int32Array): void {
    if (groups.length === 0) return;
    this.emit(aggregateBatch(this.schema, this.plan.aggs, this.state.columns(groups), groups.length));
  }

  shouldRunNoDataBatch(newWatermarkMs: number, ctx: OperatorContext): boolean {
    return ctx.outputMode !== 'complete' && this.plan.eventTimeKey !== null && newWatermarkMs > ctx.watermarkMs;
  }

  snapshot(partitioning: StatePartitioning, version: number): Uint8Array[] {
    const full = this.snapshots.isFull(version);
    return snapshotAggregation(this.state, partitioning, full ? null : this.pendingDelta);
  }

  restore(chains: readonly (readonly Uint8Array[])[]): void {
    for (const chain of chains) restoreAggregation(this.state, chain);
    this.lowestEventTime = -Infinity; // unknown until the next eviction scan
  }
}

/** Ids of `groups` after a compaction, without the evicted ones. */
function survivors(groups: Int32Array, remap: Int32Array): Int32Array {
  const out = new Int32Array(groups.length);
  let k = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = remap[groups[i]];
    if (g >= 0) out[k++] = g;
  }
  return out.subarray(0, k);
}

const NO_KEYS: EvictedKeys = { keys: [], nulls: [], length: 0 };
