// Drives a stream-stream join over two MemoryStreams with a checkpoint, like Spark's testStream:
// add data to either side, process, read the new output; restart on the same checkpoint.
import { type DataFrame, type Row, type StreamingQuery, type StructType, createEngine } from '../../src/index';
import { MemoryCheckpointStore } from '../../src/testing/index';

export class JoinRun {
  private readonly store = new MemoryCheckpointStore();
  private readonly history: { side: 0 | 1; rows: Row[] }[] = [];
  private output: Row[] = [];
  private query: StreamingQuery | undefined;
  private streams: { addData(rows: Row[]): number }[] = [];

  constructor(
    private readonly schemas: readonly [StructType, StructType],
    private readonly build: (left: DataFrame, right: DataFrame) => DataFrame,
  ) {}

  async start(): Promise<void> {
    const engine = createEngine({ numStatePartitions: 2 });
    const left = engine.readStream.memory(this.schemas[0], 'left');
    const right = engine.readStream.memory(this.schemas[1], 'right');
    this.streams = [left, right];
    for (const { side, rows } of this.history) this.streams[side].addData(rows);
    this.query = await this.build(left.toDF(), right.toDF())
      .writeStream.outputMode('append')
      .checkpointStore(this.store)
      .foreachBatch((rows) => void this.output.push(...rows))
      .start();
    await this.query.processAllAvailable();
  }

  /** Adds rows to the left and/or right input (one batch), processes, returns the new output. */
  async add(left: Row[] | null, right: Row[] | null = null): Promise<Row[]> {
    ([left, right] as const).forEach((rows, side) => {
      if (!rows) return;
      this.history.push({ side: side as 0 | 1, rows });
      this.streams[side].addData(rows);
    });
    this.output = [];
    await this.running.processAllAvailable();
    return this.output;
  }

  private get running(): StreamingQuery {
    if (!this.query) throw new Error('start() first');
    return this.query;
  }
  get progress() {
    return this.running.recentProgress;
  }
  /** The join's state metrics after the last batch. */
  get state() {
    const [join] = this.running.lastProgress?.stateOperators ?? [];
    return join;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.query?.stop();
  }
}
