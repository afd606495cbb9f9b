// Drives a stream-stream join over two MemoryStreams with a checkpoint, like Spark's testStream:
// add data to either side, process, read the new output; restart on the same checkpoint.
import { type DataFrame, type Row, type StreamingQuery, type StructType, createEngine } from '../../src/index';
import { MemoryCheckpointStore } from '../../src/testing/index';

export class JoinRun {
  private readonly store = new MemoryCheckpointStore();
  private readonly history: { side: 0 | 1; rows: Row[] }[] = [];
  private output: Row[] = [];
  private query: StreamingQuery | null = null;
  private streams: [{ addData(rows: Row[]): number }, { addData(rows: Row[]): number }] | null = null;

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
      this.streams![side].addData(rows);
    });
    this.output = [];
    await this.query!.processAllAvailable();
    return this.output;
  }

  get progress() {
    return this.query!.recentProgress;
  }
  get state() {
    return this.query!.lastProgress!.stateOperators[0];
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    await this.query?.stop();
  }
}
