// Plans and runs micro-batches (SEMANTICS.md (b), (f), (g)): write the offsets entry, run the
// operators with the batch's watermark, snapshot state as version N+1, hand the output to the sink,
// advance the watermark, write the commit entry. On start it resumes after the last commit, or
// replays an uncommitted batch with exactly its logged offsets, watermark and timestamp.
import { isDeepStrictEqual } from 'node:util';
import type { AnalyzedPlan } from '../analysis/analyzed-plan';
import { batchesToTable } from '../columnar/arrow-export';
import { batchesFromTable, fromArrowSchema } from '../columnar/arrow-import';
import type { ColumnBatch } from '../columnar/column-batch';
import { batchToRows } from '../columnar/row-conversion';
import type { ResolvedEngineOptions } from '../engine-context';
import { EngineError } from '../errors/engine-error';
import { describeError, describeOffset } from '../errors/error-text';
import { prepareJoins } from '../execution/batch-runner';
import { LATE_ROWS_SCHEMA } from '../execution/late-rows';
import type { OperatorContext, StatefulOperator } from '../execution/operator';
import { type PhysicalPlan, planPhysical } from '../execution/physical-planner';
import type { BatchContext, CheckpointStore, Offset, OffsetLogEntry, QueryOutput, StreamSource } from '../types/contracts';
import { MemorySink } from './memory-sink';
import { isColumnarSource } from './columnar-source';
import type { StreamingQueryProgress } from './progress';
import { buildProgress } from './progress-builder';
import { StateCheckpointer } from './state-checkpointer';
import { WatermarkTracker, type WatermarkPolicy } from './watermark-tracker';
import type { WriterConfig } from './writer-config';

export interface QueryIdentity {
  readonly id: string;
  readonly runId: string;
  readonly name: string;
}

/** One output's plan (name '' for a query with one output). */
export interface OutputPlan {
  readonly name: string;
  readonly plan: AnalyzedPlan;
}

/** One output: its plan, and its own event-time watermark (outputs are independent plans over shared reads). */
interface PlannedOutput {
  readonly name: string;
  readonly plan: AnalyzedPlan;
  readonly physical: PhysicalPlan;
  tracker: WatermarkTracker;
}

/** Stateful operators as `id:kind:columns` (prefixed `output/` for several outputs), stored in the checkpoint metadata; a restart must match. */
const planSignature = (outputs: readonly PlannedOutput[]): string[] =>
  outputs.flatMap(({ name, physical }) =>
    physical.stateful.map((op) => `${outputs.length > 1 ? `${name}/` : ''}${op.operatorId}:${op.stateKind}:${op.schema.fields.map((f) => f.name).join(',')}`),
  );
/** Checkpoints written before operators had kinds named them by class. */
const LEGACY_KINDS: Readonly<Record<string, string>> = { AggregateOperator: 'aggregate', GroupStateOperator: 'flatMapGroupsWithState' };
const normalizeSignature = (entries: unknown): unknown =>
  Array.isArray(entries)
    ? entries.map((e) =>
        typeof e === 'string' ? e.replace(/^(\d+):(\w+):/, (all, id: string, kind: string) => (LEGACY_KINDS[kind] ? `${id}:${LEGACY_KINDS[kind]}:` : all)) : e,
      )
    : entries;

export class MicroBatchExecution {
  private readonly outputs: readonly PlannedOutput[];
  /** Every output's stateful operators (ids unique across outputs). */
  private readonly stateful: readonly PhysicalPlan['stateful'][number][];
  private readonly sources: StreamSource[];
  /** Columns each (pruned) source leaves out, by source name. */
  private readonly unread: ReadonlyMap<string, ReadonlySet<string> | undefined>;
  private committed: Record<string, Offset> = {};
  private nextBatchId = 0;
  private pending: { batchId: number; entry: OffsetLogEntry } | null = null;
  /** The last committed batch (its outputs' contexts are derived from it). */
  private last: { batchId: number; entry: OffsetLogEntry } | null = null;
  private numStatePartitions: number;
  private state!: StateCheckpointer;
  identity!: QueryIdentity;

  constructor(
    plans: readonly OutputPlan[],
    private readonly config: WriterConfig,
    private readonly options: ResolvedEngineOptions,
    private readonly store: CheckpointStore,
    private readonly memorySinks: ReadonlyMap<string, MemorySink>,
    private readonly onProgress: (progress: StreamingQueryProgress) => void,
  ) {
    let operatorIdBase = 0;
    this.outputs = plans.map(({ name, plan }) => {
      // outputs share each source's read, so a source is read whole when there are several
      const physical = planPhysical(plan, 'stream', { lateRowsOutput: Boolean(config.lateRowsSink), operatorIdBase, pruneStreams: plans.length === 1 });
      operatorIdBase += physical.stateful.length;
      return { name, plan, physical, tracker: new WatermarkTracker('min') };
    });
    this.stateful = this.outputs.flatMap((o) => o.physical.stateful);
    const streams = this.outputs.flatMap((o) => o.physical.scans.flatMap((s) => (s.input.kind === 'stream' ? [s.input] : [])));
    this.sources = [...new Map(streams.map((s) => [s.source.name, s.source] as const)).values()];
    this.unread = new Map(streams.map((s) => [s.source.name, s.unread] as const));
    this.numStatePartitions = options.numStatePartitions;
  }

  /** The watermark the next batch runs with: the output's, or the newest of several outputs'. */
  get watermarkMs(): number {
    return Math.max(...this.outputs.map((o) => o.tracker.currentMs));
  }
  /** Each output's watermark for the next batch, by output name. */
  get outputWatermarksMs(): Readonly<Record<string, number>> {
    return Object.fromEntries(this.outputs.map((o) => [o.name, o.tracker.currentMs]));
  }
  get hasPendingBatch(): boolean {
    return this.pending !== null;
  }

  /** Reads (or creates) the checkpoint, restores state and prepares static join sides. */
  async initialize(queryName: string, newRunId: string): Promise<void> {
    const signature = planSignature(this.outputs);
    let metadata = await this.store.readMetadata();
    if (!metadata) {
      metadata = {
        id: crypto.randomUUID(),
        queryName,
        numStatePartitions: this.numStatePartitions,
        multipleWatermarkPolicy: this.options.multipleWatermarkPolicy,
        stateOperators: signature,
      };
      await this.store.writeMetadata(metadata);
    }
    if (!isDeepStrictEqual(normalizeSignature(metadata.stateOperators ?? signature), signature)) {
      throw new EngineError(
        'CHECKPOINT_MISMATCH',
        `the checkpoint was written by a query with other stateful operators (${JSON.stringify(metadata.stateOperators)}), this query has ${JSON.stringify(signature)}`,
      );
    }
    // settings that must not change across restarts: the checkpoint wins
    this.numStatePartitions = Number(metadata.numStatePartitions ?? this.numStatePartitions);
    const policy = (metadata.multipleWatermarkPolicy ?? 'min') as WatermarkPolicy;
    // an unnamed query keeps the name its checkpoint was created with
    const name = this.config.queryName ?? (typeof metadata.queryName === 'string' ? metadata.queryName : queryName);
    this.identity = { id: String(metadata.id), runId: newRunId, name };

    const offsets = await this.store.latestOffsets();
    const commit = await this.store.latestCommit();
    let stateVersion = 0;
    let watermarks: readonly number[] = [];
    if (offsets) {
      if (commit && commit.batchId >= offsets.batchId) {
        this.committed = { ...offsets.entry.endOffsets };
        this.nextBatchId = offsets.batchId + 1;
        watermarks = commit.entry.nextBatchOutputWatermarksMs ?? [commit.entry.nextBatchWatermarkMs];
        this.last = offsets;
      } else {
        this.pending = offsets;
        this.committed = { ...(offsets.entry.startOffsets ?? {}) };
        this.nextBatchId = offsets.batchId;
        watermarks = offsets.entry.outputWatermarksMs ?? [offsets.entry.watermarkMs];
      }
      stateVersion = this.nextBatchId;
    }
    this.outputs.forEach((o, i) => (o.tracker = new WatermarkTracker(policy, watermarks[i] ?? 0)));
    this.state = new StateCheckpointer(this.store, this.options, this.numStatePartitions);
    await this.state.restore(this.stateful, stateVersion);
    for (const { physical } of this.outputs) await prepareJoins(physical);
  }

  /** The operators' context of output `output` in a batch (its own watermarks when there are several). */
  private contextFor(batchId: number, entry: OffsetLogEntry, output: number): OperatorContext {
    const watermarkMs = entry.outputWatermarksMs?.[output] ?? entry.watermarkMs;
    return {
      mode: 'stream',
      outputMode: this.config.outputMode,
      batchId,
      batchTimestampMs: entry.batchTimestampMs,
      watermarkMs,
      lateWatermarkMs: entry.outputLateEventsWatermarksMs?.[output] ?? entry.lateEventsWatermarkMs ?? watermarkMs,
      keepLateRows: Boolean(this.config.lateRowsSink),
    };
  }

  /** The newest offsets of every source, or null when none has data beyond what was committed. */
  private async newOffsets(): Promise<Record<string, Offset> | null> {
    const end: Record<string, Offset> = { ...this.committed };
    let hasNew = false;
    for (const source of this.sources) {
      const latest = await source.latestOffset(this.committed[source.name]).catch((error: unknown) => {
        if (error instanceof EngineError) throw error;
        throw new EngineError(
          'SOURCE_ERROR',
          `source ${source.name} failed to report its newest offset after ${describeOffset(this.committed[source.name])}: ${describeError(error)}`,
          { cause: error },
        );
      });
      if (latest === undefined) continue;
      if (!isDeepStrictEqual(latest, this.committed[source.name])) hasNew = true;
      end[source.name] = latest;
    }
    return hasNew ? end : null;
  }

  /**
   * Runs the next batch if there is one: a pending replay, new data, or (when allowed) a no-data batch
   * because the watermark moved. Returns false when there was nothing to do.
   */
  async runNext(allowNoData: boolean): Promise<boolean> {
    if (this.pending) {
      const { batchId, entry } = this.pending;
      this.pending = null;
      await this.execute(batchId, entry, 0);
      return true;
    }
    const started = performance.now();
    const now = this.options.clock.now();
    const end = await this.newOffsets();
    const latestOffsetMs = performance.now() - started;
    const watermarks = this.outputs.map((o) => o.tracker.currentMs);
    const { last } = this;
    const lastContexts = last ? this.outputs.map((_, i) => this.contextFor(last.batchId, last.entry, i)) : null;
    const previousWatermarks = this.outputs.map((_, i) => lastContexts?.[i]?.watermarkMs ?? 0);
    if (!end) {
      const wantsNoData =
        allowNoData &&
        this.options.noDataMicroBatches &&
        lastContexts !== null &&
        this.outputs.some(({ physical, tracker }, i) => physical.stateful.some((op) => op.shouldRunNoDataBatch(tracker.currentMs, lastContexts[i], now)));
      if (!wantsNoData) return false;
    }
    const several = this.outputs.length > 1;
    const entry: OffsetLogEntry = {
      endOffsets: end ?? { ...this.committed },
      startOffsets: { ...this.committed },
      watermarkMs: Math.max(...watermarks),
      lateEventsWatermarkMs: Math.max(...previousWatermarks),
      batchTimestampMs: now,
      ...(several ? { outputWatermarksMs: watermarks, outputLateEventsWatermarksMs: previousWatermarks } : {}),
    };
    await this.store.writeOffsets(this.nextBatchId, entry);
    await this.execute(this.nextBatchId, entry, latestOffsetMs);
    return true;
  }

  private async readSource(source: StreamSource, start: Offset | undefined, end: Offset): Promise<ColumnBatch[]> {
    try {
      if (isColumnarSource(source)) return await source.getColumnarBatch(start, end);
      // columns are matched by name against the source's declared schema
      return [...batchesFromTable(await source.getBatch(start, end), this.options.chunkRows, fromArrowSchema(source.schema), this.unread.get(source.name))];
    } catch (error) {
      if (error instanceof EngineError) throw error;
      throw new EngineError(
        'SOURCE_ERROR',
        `source ${source.name} failed to read after ${describeOffset(start)} up to ${describeOffset(end)}: ${describeError(error)}`,
        { cause: error },
      );
    }
  }

  private async execute(batchId: number, entry: OffsetLogEntry, latestOffsetMs: number): Promise<void> {
    const durations: Record<string, number> = { latestOffset: latestOffsetMs };
    const t0 = performance.now();
    const contexts = this.outputs.map((_, i) => this.contextFor(batchId, entry, i));
    const inputs = new Map<string, ColumnBatch[]>();
    const sourceProgress = [];
    const sourceFacts: Record<string, Readonly<Record<string, unknown>>> = {};
    for (const source of this.sources) {
      const start = entry.startOffsets?.[source.name];
      const end = entry.endOffsets[source.name];
      const read = end !== undefined && !isDeepStrictEqual(start, end);
      const chunks = read ? await this.readSource(source, start, end) : [];
      inputs.set(source.name, chunks);
      const facts = read ? source.batchFacts?.() : undefined;
      if (facts) sourceFacts[source.name] = facts;
      sourceProgress.push({
        name: source.name,
        startOffset: start,
        endOffset: end,
        numInputRows: chunks.reduce((n, c) => n + c.length, 0),
        ...(facts ? { facts } : {}),
      });
    }
    const t1 = performance.now();
    durations.getBatch = t1 - t0;

    const results = [];
    for (const [i, { name, plan, physical }] of this.outputs.entries()) {
      await prepareJoins(physical);
      physical.root.open(contexts[i]);
      for (const scan of physical.scans) {
        if (scan.input.kind === 'stream') for (const chunk of inputs.get(scan.input.source.name) ?? []) scan.op.push(chunk);
        else for await (const chunk of scan.input.input.chunks()) scan.op.push(chunk);
        scan.op.finish();
      }
      results.push({ name, plan, physical, rows: physical.root.take() });
    }
    const t2 = performance.now();
    durations.execution = t2 - t1;

    // State version N+1 and the sinks are written side by side (neither reads the other); both finish before
    // the commit entry. A crash in between replays the batch: the sinks skip its id, state N+1 is written again.
    const saving = this.state.save(this.stateful, batchId + 1).then(() => void (durations.stateCommit = performance.now() - t2));
    const t3 = performance.now();

    const dropped = (stateful: readonly StatefulOperator[]) => stateful.reduce((n, op) => n + op.stats.numRowsDroppedByWatermark, 0);
    const context: BatchContext = {
      queryName: this.identity.name,
      batchId,
      outputMode: this.config.outputMode,
      endOffsets: entry.endOffsets,
      watermarkMs: entry.watermarkMs,
      batchTimestampMs: entry.batchTimestampMs,
      numRowsDroppedByWatermark: dropped(this.stateful),
      ...(Object.keys(sourceFacts).length > 0 ? { sourceFacts } : {}),
    };
    const delivering = this.deliver(
      results.map(({ name, plan, physical, rows }, i) => ({
        name,
        schema: plan.schema,
        rows,
        context:
          this.outputs.length > 1
            ? { ...context, outputName: name, watermarkMs: contexts[i].watermarkMs, numRowsDroppedByWatermark: dropped(physical.stateful) }
            : context,
      })),
      context,
    )
      .then(() => this.deliverLateRows(batchId, contexts, { ...context, outputMode: 'append' }))
      .then(() => void (durations.addBatch = performance.now() - t3));
    const settled = await Promise.allSettled([saving, delivering]);
    const failed = settled.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const t4 = performance.now();

    const next = this.outputs.map(({ tracker, physical }) => tracker.update(physical.watermarks));
    await this.store.writeCommit(batchId, {
      nextBatchWatermarkMs: Math.max(...next),
      ...(this.outputs.length > 1 ? { nextBatchOutputWatermarksMs: next } : {}),
    });
    for (const source of this.sources) {
      const end = entry.endOffsets[source.name];
      if (end !== undefined) await source.commit(end);
    }
    this.committed = { ...entry.endOffsets };
    this.nextBatchId = batchId + 1;
    this.last = { batchId, entry };
    await this.state.purgeAfter(batchId);
    durations.commit = performance.now() - t4;
    durations.triggerExecution = performance.now() - t0 + latestOffsetMs;

    const numOutputRows = results.reduce((n, r) => n + r.rows.reduce((m, b) => m + b.length, 0), 0);
    const watermarkOps = this.outputs.flatMap((o) => o.physical.watermarks);
    this.onProgress(
      buildProgress({
        identity: this.identity,
        batchId,
        entry,
        durations,
        sources: sourceProgress,
        numOutputRows,
        watermarks: watermarkOps,
        stateful: this.stateful,
      }),
    );
  }

  private async deliver(
    outputs: readonly { name: string; schema: AnalyzedPlan['schema']; rows: ColumnBatch[]; context: BatchContext }[],
    context: BatchContext,
  ): Promise<void> {
    const { sink, foreachBatch, outputsSink } = this.config;
    try {
      for (const { name, rows: output, context: outputContext } of outputs) {
        const memory = this.memorySinks.get(name);
        const rows = memory || foreachBatch ? output.flatMap(batchToRows) : [];
        memory?.addRows(rows, outputContext);
        if (foreachBatch) await foreachBatch(rows, context.batchId, outputContext);
      }
      const only = outputs.length === 1 ? outputs[0] : undefined;
      if (sink && only) await sink.addBatch(batchesToTable(only.schema, only.rows), context);
      if (outputsSink) {
        const tables: QueryOutput[] = outputs.map((o) => ({ name: o.name, data: batchesToTable(o.schema, o.rows), context: o.context }));
        await outputsSink.addOutputs(tables, context);
      }
    } catch (error) {
      if (error instanceof EngineError) throw error;
      throw new EngineError('SINK_ERROR', `the sink failed on batch ${context.batchId}: ${describeError(error)}`, { cause: error });
    }
  }

  /** The late rows of every stateful operator, in one addBatch per batch (sinks dedupe by batch id). */
  private async deliverLateRows(batchId: number, contexts: readonly OperatorContext[], context: BatchContext): Promise<void> {
    const sink = this.config.lateRowsSink;
    if (!sink) return;
    const parts = this.outputs.flatMap(({ physical }, i) =>
      physical.stateful.flatMap((op) => op.lateRows?.toOutput(op.operatorId, op.stateKind, contexts[i].lateWatermarkMs) ?? []),
    );
    if (parts.length === 0) return;
    try {
      await sink.addBatch(batchesToTable(LATE_ROWS_SCHEMA, parts), context);
    } catch (error) {
      if (error instanceof EngineError) throw error;
      throw new EngineError('SINK_ERROR', `the late-rows sink failed on batch ${batchId}: ${describeError(error)}`, { cause: error });
    }
  }

  async stopSources(): Promise<void> {
    await Promise.allSettled(this.sources.map((s) => s.stop()));
  }
}
