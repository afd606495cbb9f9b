// writeStream: an immutable builder collecting sink, mode, trigger and checkpoint; start() analyzes
// the plan for streaming, opens the checkpoint and starts the trigger loop. engine.writeStreams gives
// the same builder for several outputs of one query (one checkpoint, one read of each source per batch).
import { analyzePlan } from '../analysis/analyzer';
import { checkStreamingPlan } from '../analysis/unsupported-operations';
import type { EngineContext } from '../engine-context';
import { EngineError } from '../errors/engine-error';
import type { PlanNode } from '../plan/plan-node';
import { parseDuration } from '../types/duration';
import type { CheckpointStore, OutputMode, OutputsSink, StreamSink } from '../types/contracts';
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

/** The outputs of a query with several (engine.writeStreams), by name. */
export type StreamingOutputs = Readonly<Record<string, StreamingInput>>;

export class DataStreamWriter {
  constructor(
    /** One frame (writeStream), or several named outputs of one query (engine.writeStreams). */
    private readonly df: StreamingInput | StreamingOutputs,
    private readonly config: WriterConfig = DEFAULTS,
  ) {}

  private with(patch: Partial<WriterConfig>): DataStreamWriter {
    return new DataStreamWriter(this.df, Object.freeze({ ...this.config, ...patch }));
  }

  private get outputs(): readonly (readonly [string, StreamingInput])[] | null {
    return isStreamingInput(this.df) ? null : Object.entries(this.df);
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
  /** The sink of a query with several outputs: every output of a batch in one addOutputs call. */
  outputsSink(sink: OutputsSink): DataStreamWriter {
    return this.with({ outputsSink: sink });
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

  private checkSinks(): void {
    const { config } = this;
    if (this.outputs) {
      if (config.sink || config.foreachBatch) {
        throw new EngineError(
          'INVALID_ARGUMENT',
          "a query with several outputs writes through outputsSink() or format('memory'), not sink() or foreachBatch()",
        );
      }
      if (!config.format && !config.outputsSink) throw new EngineError('INVALID_ARGUMENT', "writeStreams needs a sink: format('memory') or outputsSink()");
    } else {
      if (config.outputsSink) throw new EngineError('INVALID_ARGUMENT', 'outputsSink() is for engine.writeStreams; one frame writes through sink()');
      if (!config.format && !config.sink && !config.foreachBatch) {
        throw new EngineError('INVALID_ARGUMENT', "writeStream needs a sink: format('memory'), foreachBatch() or sink()");
      }
    }
    if (config.format === 'memory' && !config.queryName) {
      throw new EngineError('INVALID_ARGUMENT', "format('memory') needs queryName() (the name of the result table)");
    }
  }

  async start(): Promise<StreamingQuery> {
    const { config } = this;
    const outputs = this.outputs ?? [['', this.df as StreamingInput] as const];
    const first = outputs[0];
    if (!first) throw new EngineError('INVALID_ARGUMENT', 'writeStreams needs at least one output');
    const engine = first[1].engine;
    if (outputs.some(([, input]) => input.engine !== engine)) throw new EngineError('INVALID_ARGUMENT', 'the outputs of one query come from one engine');
    const plans = outputs.map(([outputName, input]) => {
      const plan = analyzePlan(input.cachedPlan()); // a cached static side is read from memory
      checkStreamingPlan(plan, config.outputMode);
      return { name: outputName, plan };
    });
    this.checkSinks();
    const name = config.queryName ?? `query-${queryCounter++}`;
    if (engine.activeQueries.has(name)) {
      throw new EngineError('QUERY_ALREADY_ACTIVE', `a query named '${name}' is already running`);
    }
    const location = config.options.checkpointLocation;
    const store = config.checkpointStore ?? (location ? new FileCheckpointStore(location) : new MemoryCheckpointStore());
    // format('memory'): one table per output, named after the query (and `query.output` for several)
    const memorySinks = new Map<string, MemorySink>();
    if (config.format === 'memory') {
      for (const [outputName] of outputs) {
        const sink = new MemorySink();
        memorySinks.set(outputName, sink);
        engine.memoryTables.set(this.outputs ? `${name}.${outputName}` : name, sink);
      }
    }
    let query: StreamingQuery | null = null;
    const execution = new MicroBatchExecution(plans, config, engine.options, store, memorySinks, (p) => query?.recordProgress(p));
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

function isStreamingInput(value: StreamingInput | StreamingOutputs): value is StreamingInput {
  return 'plan' in value && 'engine' in value && typeof (value as StreamingInput).cachedPlan === 'function';
}
