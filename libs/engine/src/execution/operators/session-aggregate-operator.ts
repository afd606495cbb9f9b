// Aggregation over session windows (Spark's session_window: MergingSessionsExec and the session
// state store operators). Each row opens [t, t + gap) (the window assigner); a key's sessions that
// overlap or touch merge into one, within a chunk and with the sessions kept in state across
// micro-batches. Stream: a row whose own session ends at or before the late-events watermark is
// dropped (to the late-rows sink if any; counted per distinct key and start, as the aggregate counts its groups); a session is
// final once its end <= watermark: append emits it then, complete emits everything (update is
// rejected at start(), as Spark). Batch: every key's merged sessions.
import type { AnalyzedPlan } from '../../analysis/analyzed-plan';
import type { BoundExpr } from '../../analysis/bound-expr';
import type { ColumnBatch } from '../../columnar/column-batch';
import { type ColumnData, type NumberColumn, numberColumn, structColumn } from '../../columnar/column-data';
import { aggregateInputs, aggregateValue, updateAggregates } from '../aggregate-set';
import { aggregateBatch, valueColumn } from '../aggregate-columns';
import { evaluate } from '../evaluate';
import { type EncodedKey, type StatePartitioning, encodeKey } from '../key-encoding';
import { LateRowBuffer } from '../late-rows';
import { Operator, type OperatorContext, SnapshotSchedule, type StatefulOperator, type StatefulStats } from '../operator';
import { type Session, type SessionKey, SessionState } from '../session-state';
import { type WindowAssigner, windowAssigner } from '../window-assigner';

type AggregatePlan = Extract<AnalyzedPlan, { kind: 'Aggregate' }>;
type Held = { readonly entry: SessionKey; readonly session: Session };

export class SessionAggregateOperator extends Operator implements StatefulOperator {
  readonly stateKind = 'sessionWindowAggregate';
  readonly stats: StatefulStats = { numRowsTotal: 0, numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 };
  readonly lateRows = new LateRowBuffer();
  private readonly state: SessionState;
  private readonly assigner: WindowAssigner;
  private readonly time: BoundExpr;
  /** Sessions created or grown in this batch (numRowsUpdated). */
  private readonly changed = new Map<Session, SessionKey>();
  /** Distinct (key, session start) dropped as late in this batch. */
  private readonly dropped = new Set<string>();
  private readonly snapshots = new SnapshotSchedule();

  constructor(
    input: Operator,
    private readonly plan: AggregatePlan,
    readonly operatorId: number,
  ) {
    super(plan.schema, [input]);
    if (plan.window?.kind !== 'session') throw new Error('SessionAggregateOperator needs a session window');
    this.assigner = windowAssigner(plan.window);
    this.time = plan.window.time;
    this.state = new SessionState(
      plan.keys.map((k) => (k === null ? 'window' : k.type)),
      plan.aggs,
    );
  }

  get numStateRows(): number {
    return this.state.size;
  }

  override open(ctx: OperatorContext): void {
    super.open(ctx);
    this.changed.clear();
    this.dropped.clear();
    this.lateRows.clear();
    Object.assign(this.stats, { numRowsUpdated: 0, numRowsRemoved: 0, numRowsDroppedByWatermark: 0 });
  }

  push(batch: ColumnBatch): void {
    const n = batch.length;
    if (n === 0) return;
    const { plan, state, ctx } = this;
    const width = plan.keys.length;
    const keys: (EncodedKey | null)[] = plan.keys.map((k) => (k ? encodeKey(evaluate(k, batch), state.dict, n) : null));
    const inputs = aggregateInputs(plan.aggs, batch, state.dict, n);
    const starts = new Float64Array(n);
    const active = new Uint8Array(n);
    this.assigner.assign(0, evaluate(this.time, batch) as NumberColumn, n, starts, active);
    const gap = this.assigner.lengthMs;
    const lateFilter = ctx.mode === 'stream' && ctx.outputMode !== 'complete' && plan.eventTimeKey !== null;

    // rows by grouping key, in arrival order
    const rowsByKey = new Map<string, number[]>();
    const values = new Float64Array(width);
    const nulls = new Uint8Array(width);
    const late: number[] = [];
    for (let i = 0; i < n; i++) {
      if (active[i] === 0) continue;
      keys.forEach((k, c) => {
        values[c] = k ? k.values[i] : 0;
        nulls[c] = k?.nulls ? k.nulls[i] : 0;
      });
      const text = state.textOf(values, nulls);
      if (lateFilter && starts[i] + gap <= ctx.lateWatermarkMs) {
        this.dropped.add(`${text}${starts[i]}`);
        if (ctx.keepLateRows) late.push(i);
        continue;
      }
      const rows = rowsByKey.get(text);
      if (rows) rows.push(i);
      else rowsByKey.set(text, [i]);
    }
    this.stats.numRowsDroppedByWatermark = this.dropped.size;
    this.lateRows.add(batch, Int32Array.from(late));

    // sessions of this chunk: a key's rows by start, merged while they overlap or touch
    const gids = new Int32Array(n).fill(-1);
    const chunk: { text: string; sessions: Session[]; row: number }[] = [];
    for (const [text, rows] of rowsByKey) {
      rows.sort((a, b) => starts[a] - starts[b]);
      const sessions: Session[] = [];
      let current: Session | null = null;
      for (const i of rows) {
        if (current === null || starts[i] > current.end) {
          current = state.newSession(starts[i], starts[i] + gap);
          sessions.push(current);
        } else if (starts[i] + gap > current.end) current.end = starts[i] + gap;
        gids[i] = current.id;
      }
      chunk.push({ text, sessions, row: rows[0] });
    }
    updateAggregates(plan.aggs, state.slots, state.objects, gids, n, inputs);

    // ... merged into the sessions held for each key
    for (const { text, sessions, row: i } of chunk) {
      keys.forEach((k, c) => {
        values[c] = k ? k.values[i] : 0;
        nulls[c] = k?.nulls ? k.nulls[i] : 0;
      });
      const entry = state.entry(text, values, nulls);
      for (const session of sessions) {
        const { merged, absorbed } = state.merge(text, entry, session);
        for (const gone of absorbed) this.changed.delete(gone);
        this.changed.set(merged, entry);
      }
    }
  }

  protected override flush(): void {
    const { ctx, state, plan } = this;
    const stream = ctx.mode === 'stream';
    const mode = stream ? ctx.outputMode : 'complete';
    if (stream) this.stats.numRowsUpdated = this.changed.size;
    if (mode === 'complete') {
      const all: Held[] = [];
      for (const entry of state.byKey.values()) for (const session of entry.sessions) all.push({ entry, session });
      this.emitSessions(all);
    } else {
      if (plan.eventTimeKey) {
        const evicted = state.evict(ctx.watermarkMs);
        if (mode === 'append') this.emitSessions(evicted);
        for (const { session } of evicted) state.release(session.id);
        this.stats.numRowsRemoved = evicted.length;
      }
    }
    this.changed.clear();
    this.stats.numRowsTotal = state.size;
  }

  private emitSessions(held: readonly Held[]): void {
    const n = held.length;
    if (n === 0) return;
    const { plan, state } = this;
    const columns: ColumnData[] = plan.keys.map((k, c) => {
      if (k === null) {
        return structColumn([numberColumn(Float64Array.from(held, (h) => h.session.start)), numberColumn(Float64Array.from(held, (h) => h.session.end))]);
      }
      return valueColumn(k.type, n, (i) => (held[i].entry.nulls[c] ? null : held[i].entry.values[c]), state.dict);
    });
    plan.aggs.forEach((a, j) =>
      columns.push(valueColumn(a.type, n, (i) => aggregateValue(a, state.slots[j], state.objects[j], held[i].session.id), state.dict)),
    );
    this.emit(aggregateBatch(this.schema, plan.aggs, columns, n));
  }

  shouldRunNoDataBatch(newWatermarkMs: number, ctx: OperatorContext): boolean {
    return ctx.outputMode !== 'complete' && this.plan.eventTimeKey !== null && newWatermarkMs > ctx.watermarkMs;
  }

  snapshot(partitioning: StatePartitioning, version: number): Uint8Array[] {
    const full = this.snapshots.isFull(version);
    return this.state.snapshot(partitioning, full);
  }

  restore(chains: readonly (readonly Uint8Array[])[]): void {
    for (const chain of chains) this.state.restore(chain);
  }
}
