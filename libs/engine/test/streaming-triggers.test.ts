// Trigger.Once vs AvailableNow (SEMANTICS.md (f)), no-data batches and progress reporting.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';
import { EVENT_SCHEMA, countPerWindow, toEvents, tuples } from './support/streams';

async function runWithTrigger(trigger: { once: true } | { availableNow: true }, store: MemoryCheckpointStore, name: string) {
  const engine = createEngine();
  const stream = engine.readStream.memory(EVENT_SCHEMA, 'events');
  return {
    engine,
    stream,
    start: () =>
      countPerWindow(stream.toDF(), 5).writeStream.outputMode('append').trigger(trigger).checkpointStore(store).format('memory').queryName(name).start(),
  };
}

describe('triggers', () => {
  it('once runs one batch and no no-data batch; the next run emits what the watermark unlocked', async () => {
    const store = new MemoryCheckpointStore();
    const first = await runWithTrigger({ once: true }, store, 'once1');
    first.stream.addData(toEvents([10, 11, 25]));
    const q1 = await first.start();
    await q1.awaitTermination();
    expect(q1.recentProgress.map((p) => p.batchId)).toEqual([0]);
    expect(first.engine.table('once1')).toEqual([]);
    expect(q1.currentWatermarkMs).toBe(15_000);

    // restart on the same checkpoint with the same data source content; no new data -> once runs nothing
    const second = await runWithTrigger({ once: true }, store, 'once2');
    second.stream.addData(toEvents([10, 11, 25]));
    second.stream.addData(toEvents([26]));
    const q2 = await second.start();
    await q2.awaitTermination();
    expect(q2.recentProgress.map((p) => [p.batchId, p.numInputRows])).toEqual([[1, 1]]);
    // batch 1 ran with watermark 15: [10,15) (end 15 <= 15) is finalised
    expect(tuples(second.engine.table('once2'))).toEqual([['a', 10, 2, 21]]);
  });

  it('availableNow processes everything and then runs the final no-data batch', async () => {
    const store = new MemoryCheckpointStore();
    const run = await runWithTrigger({ availableNow: true }, store, 'now1');
    run.stream.addData(toEvents([10, 11, 25]));
    const q = await run.start();
    await q.awaitTermination();
    expect(q.recentProgress.map((p) => [p.batchId, p.isNoDataBatch, p.eventTime.watermarkMs])).toEqual([
      [0, false, 0],
      [1, true, 15_000],
    ]);
    expect(tuples(run.engine.table('now1'))).toEqual([['a', 10, 2, 21]]);
    expect(q.isActive).toBe(false);
  });

  it('reports progress with event-time stats, state rows and phase durations', async () => {
    const engine = createEngine();
    const stream = engine.readStream.memory(EVENT_SCHEMA);
    const q = await countPerWindow(stream.toDF(), 5).writeStream.outputMode('update').format('memory').queryName('progress').start();
    const seen: number[] = [];
    q.on('progress', (p) => seen.push(p.batchId));
    stream.addData(toEvents([10, 12, 14]));
    await q.processAllAvailable();
    await q.stop();
    const p = q.recentProgress[0];
    expect(p).toMatchObject({ batchId: 0, numInputRows: 3, numOutputRows: 1, isNoDataBatch: false, name: 'progress' });
    expect(p.eventTime).toEqual({ watermarkMs: 0, minMs: 10_000, maxMs: 14_000, avgMs: 12_000 });
    expect(p.stateOperators[0]).toMatchObject({ numRowsTotal: 1, numRowsUpdated: 1, numRowsDroppedByWatermark: 0 });
    expect(Object.keys(p.durationMs)).toEqual(expect.arrayContaining(['getBatch', 'execution', 'addBatch', 'commit', 'triggerExecution']));
    expect(seen).toEqual(q.recentProgress.map((x) => x.batchId));
    expect(q.lastProgress).toBe(q.recentProgress[q.recentProgress.length - 1]);
  });

  it('reports no eventTime entry when the query defines no watermark (as Spark)', async () => {
    const engine = createEngine();
    const stream = engine.readStream.memory(EVENT_SCHEMA);
    const q = await countPerWindow(stream.toDF(), 5, null).writeStream.outputMode('update').format('memory').queryName('no-wm').start();
    stream.addData(toEvents([10, 12]));
    await q.processAllAvailable();
    await q.stop();
    expect(q.lastProgress!.eventTime).toEqual({});
  });

  it('runs processing-time triggers on interval boundaries', async () => {
    const engine = createEngine();
    const stream = engine.readStream.memory(EVENT_SCHEMA);
    const q = await countPerWindow(stream.toDF(), 5)
      .writeStream.outputMode('complete')
      .trigger({ processingTime: '50 ms' })
      .format('memory')
      .queryName('pt')
      .start();
    stream.addData(toEvents([1]));
    await q.processAllAvailable();
    stream.addData(toEvents([2]));
    await q.processAllAvailable();
    await q.stop();
    expect(tuples(engine.table('pt'))).toEqual([['a', 0, 2, 3]]);
    expect(q.recentProgress.length).toBe(2);
  });
});
