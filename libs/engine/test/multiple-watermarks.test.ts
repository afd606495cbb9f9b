// Several inputs: the global watermark is the min (default) or max of the per-input watermarks, and an
// input without data yet counts as 0 (SEMANTICS.md (b) 3-4).
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, window } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';
import { EVENT_SCHEMA, toEvents } from './support/streams';

async function run(policy: 'min' | 'max') {
  const engine = createEngine({ multipleWatermarkPolicy: policy });
  const s1 = engine.readStream.memory(EVENT_SCHEMA, 's1');
  const s2 = engine.readStream.memory(EVENT_SCHEMA, 's2');
  const withTime = (df: ReturnType<typeof s1.toDF>, delay: string) =>
    df.withColumn('eventTime', col('value').multiply(1000).cast('timestamp')).withWatermark('eventTime', delay);
  const df = withTime(s1.toDF(), '10 seconds').union(withTime(s2.toDF(), '20 seconds'));
  const q = await df
    .groupBy(window('eventTime', '5 seconds'))
    .agg(count().as('n'))
    .writeStream.outputMode('update')
    .format('memory')
    .queryName(`mw-${policy}`)
    .start();
  s1.addData(toEvents([100]));
  await q.processAllAvailable();
  const afterFirst = q.currentWatermarkMs;
  s2.addData(toEvents([100]));
  await q.processAllAvailable();
  const afterBoth = q.currentWatermarkMs;
  await q.stop();
  return [afterFirst, afterBoth];
}

describe('multiple watermarks', () => {
  it('min policy: holds at 0 until every input has data, then takes the slowest', async () => {
    expect(await run('min')).toEqual([0, 80_000]);
  });
  it('max policy: takes the fastest input', async () => {
    expect(await run('max')).toEqual([90_000, 90_000]);
  });
});

describe('multiple watermarks across a restart', () => {
  async function start(policy: 'min' | 'max', store: MemoryCheckpointStore, seen: [number[], number[]]) {
    const engine = createEngine({ multipleWatermarkPolicy: policy });
    const s1 = engine.readStream.memory(EVENT_SCHEMA, 's1');
    const s2 = engine.readStream.memory(EVENT_SCHEMA, 's2');
    for (const v of seen[0]) s1.addData(toEvents([v]));
    for (const v of seen[1]) s2.addData(toEvents([v]));
    const timed = (df: ReturnType<typeof s1.toDF>) =>
      df.withColumn('eventTime', col('value').multiply(1000).cast('timestamp')).withWatermark('eventTime', '0 seconds');
    const q = await timed(s1.toDF())
      .union(timed(s2.toDF()))
      .groupBy(window('eventTime', '5 seconds'))
      .agg(count().as('n'))
      .writeStream.outputMode('update')
      .checkpointStore(store)
      .format('memory')
      .queryName(`restart-${policy}`)
      .start();
    await q.processAllAvailable();
    return { q, s1, s2 };
  }

  it('restores the global watermark but not the per-input ones, and keeps the checkpoint policy', async () => {
    const store = new MemoryCheckpointStore();
    const first = await start('min', store, [[], []]);
    first.s1.addData(toEvents([200]));
    first.s2.addData(toEvents([185]));
    await first.q.processAllAvailable();
    expect(first.q.currentWatermarkMs).toBe(185_000);
    await first.q.stop();

    // a new run asks for 'max', but the checkpoint says 'min'
    const second = await start('max', store, [[200], [185]]);
    second.s1.addData(toEvents([210]));
    await second.q.processAllAvailable();
    expect(second.q.currentWatermarkMs).toBe(185_000); // s2 has no data in this run yet: counts as 0
    second.s2.addData(toEvents([190]));
    await second.q.processAllAvailable();
    expect(second.q.currentWatermarkMs).toBe(190_000);
    await second.q.stop();
  });
});
