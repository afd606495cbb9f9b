// writeStream: an immutable builder collecting sink, mode, trigger and checkpoint; start() analyzes
// the plan for streaming, opens the checkpoint and starts the trigger loop.
import { analyzePlan } from '../analysis/analyzer';
import { checkStreamingPlan } from '../analysis/unsupported-operations';
import type { EngineContext } from '../engine-context';
import { EngineError } from '../errors/engine-error';
import type { PlanNode } from '../plan/plan-node';
import { parseDuration } from '../types/duration';
import type { CheckpointStore, OutputMode, StreamSink } from '../types/contracts';
import { FileCheckpointStore } from './file-checkpoint-store';
import { MemoryCheckpointStore } from './memory-checkpoint-store';
import { MemorySink } from './memory-sink';
import { MicroBatchExecution } from './micro-batch-execution';
import { StreamingQuery } from './streaming-query';
import type { ForeachBatchFunction, Trigger, WriterConfig } from './writer-config';

let queryCounter = 0;

const DEFAULTS: WriterConfig = {
  outputMode: 'append',
  trigger: null,
  options: {},
  format: null,
  queryName: null,
  foreachBatch: null,
  sink: null,
  checkpointStore: null,
};

/** What a writer starts: a streaming DataFrame's plan on its engine (the DataFrame layer sits above). */
export interface StreamingInput {
  readonly engine: EngineContext;
  readonly plan: PlanNode;
  /** The plan with cached frames read from memory (a cached static join side). */
  cachedPlan(): PlanNode;
}

export class DataStreamWriter {
  constructor(
    private readonly df: StreamingInput,
    private readonly config: WriterConfig = DEFAULTS,
  ) {}

  private with(patch: Partial<WriterConfig>): DataStreamWriter {
    return new DataStreamWriter(this.df, Object.freeze({ ...this.config, ...patch }));
  }

  outputMode(mode: OutputMode): DataStreamWriter {
    if (mode !== 'append' && mode !== 'update' && mode !== 'complete') {
      throw new EngineError('INVALID_ARGUMENT', `unknown output mode '${String(mode)}' (append, update, complete)`);
    }
    return this.with({ outputMode: mode });
  }

  trigger(trigger: Trigger): DataStreamWriter {
    if ('processingTime' in trigger) parseDuration(trigger.processingTime, { what: 'trigger interval' });
    else if (!('availableNow' in trigger) && !('once' in trigger)) {
      throw new EngineError('INVALID_ARGUMENT', 'trigger must be { processingTime }, { availableNow: true } or { once: true }');
    }
    return this.with({ trigger });
  }

  option(key: string, value: string | number | boolean): DataStreamWriter {
    return this.with({ options: { ...this.config.options, [key]: String(value) } });
  }
  options(values: Record<string, string | number | boolean>): DataStreamWriter {
    return Object.entries(values).reduce<DataStreamWriter>((w, [k, v]) => w.option(k, v), this);
  }

  format(format: 'memory'): DataStreamWriter {
    if (format !== 'memory') throw new EngineError('INVALID_ARGUMENT', `unknown format '${String(format)}'; use .sink() for connectors`);
    return this.with({ format });
  }
  queryName(name: string): DataStreamWriter {
    return this.with({ queryName: name });
  }
  foreachBatch(fn: ForeachBatchFunction): DataStreamWriter {
    return this.with({ foreachBatch: fn });
  }
  /** A connector sink (Postgres, Kafka, files): must be idempotent per batch id. */
  sink(sink: StreamSink): DataStreamWriter {
    return this.with({ sink });
  }
  /**
   * Rows the stateful operators drop as behind the watermark go to `sink` (same batch id, append mode)
   * instead of vanishing: columns operator_id, operator, watermark (the late-events one that dropped
   * them), row (the operator's input row as JSON). Written after the main sink, before the commit.
   */
  lateRows(sink: StreamSink): DataStreamWriter {
    return this.with({ lateRowsSink: sink });
  }
  /** Where offsets, commits and state go (default: option('checkpointLocation') folder, else memory). */
  checkpointStore(store: CheckpointStore): DataStreamWriter {
    return this.with({ checkpointStore: store });
  }

  async start(): Promise<StreamingQuery> {
    const { config, df } = this;
    const engine = df.engine;
    const plan = analyzePlan(df.cachedPlan()); // a cached static side is read from memory
    checkStreamingPlan(plan, config.outputMode);
    if (!config.format && !config.sink && !config.foreachBatch) {
      throw new EngineError('INVALID_ARGUMENT', "writeStream needs a sink: format('memory'), foreachBatch() or sink()");
    }
    if (config.format === 'memory' && !config.queryName) {
      throw new EngineError('INVALID_ARGUMENT', "format('memory') needs queryName() (the name of the result table)");
    }
    const name = config.queryName ?? `query-${queryCounter++}`;
    if (engine.activeQueries.has(name)) {
      throw new EngineError('QUERY_ALREADY_ACTIVE', `a query named '${name}' is already running`);
    }
    const location = config.options.checkpointLocation;
    const store = config.checkpointStore ?? (location ? new FileCheckpointStore(location) : new MemoryCheckpointStore());
    let memorySink: MemorySink | null = null;
    if (config.format === 'memory') {
      memorySink = new MemorySink();
      engine.memoryTables.set(name, memorySink);
    }
    let query: StreamingQuery | null = null;
    const execution = new MicroBatchExecution(plan, config, engine.options, store, memorySink, (p) => query?.recordProgress(p));
    engine.activeQueries.add(name);
    try {
      await execution.initialize(name, crypto.randomUUID());
    } catch (error) {
      engine.activeQueries.delete(name);
      throw error;
    }
    query = new StreamingQuery(execution, config.trigger, engine.options.pollIntervalMs, () => engine.activeQueries.delete(name));
    query.start();
    return query;
  }
}
