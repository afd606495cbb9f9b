// Fault tolerance (SEMANTICS.md (g)): stop/restart resumes after the last commit; a crash between the
// sink write and the commit replays the batch with the same id, offsets, watermark and timestamp,
// and an idempotent sink sees every event exactly once.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BatchContext, createEngine, FileCheckpointStore, MemorySink } from '../src/index';
import { decodeState } from '../src/state/state-codec';
import { CrashingSink, ManualClock } from '../src/testing/index';
import { EVENT_SCHEMA, countPerWindow, toEvents, tuples } from './support/streams';

const BLOCKS = [toEvents([1, 2, 3]), toEvents([4, 6, 7], 'b'), toEvents([8, 12, 13]), toEvents([2, 21, 22], 'b'), toEvents([30, 31])];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-ckpt-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * One "process": a fresh engine whose replayable source already holds `replayed` blocks (what an
 * earlier run saw), then receives blocks up to `upTo`, one micro-batch each.
 */
async function startRun(replayed: number, upTo: number, sink: MemorySink | CrashingSink, clock = new ManualClock(1_000)) {
  const engine = createEngine({ clock, minBatchesToRetain: 2 });
  const stream = engine.readStream.memory(EVENT_SCHEMA, 'events');
  for (const block of BLOCKS.slice(0, replayed)) stream.addData(block);
  const query = await countPerWindow(stream.toDF(), 5, 100).writeStream.outputMode('complete').option('checkpointLocation', dir).sink(sink).start();
  const feed = async () => {
    await query.processAllAvailable();
    for (const block of BLOCKS.slice(replayed, upTo)) {
      stream.addData(block);
      await query.processAllAvailable();
    }
  };
  return { engine, stream, query, clock, feed };
}

const expectedTotals = async () => {
  const engine = createEngine();
  return tuples(await countPerWindow(engine.read.rows(BLOCKS.flat(), EVENT_SCHEMA), 5, null).collect());
};

describe('restart and recovery', () => {
  it('resumes after the last committed batch on stop/restart', async () => {
    const sink = new MemorySink();
    const first = await startRun(0, 2, sink);
    await first.feed();
    await first.query.stop();
    const second = await startRun(2, 5, sink);
    await second.feed();
    await second.query.stop();
    expect(second.query.recentProgress[0].batchId).toBe(first.query.lastProgress!.batchId + 1);
    expect(tuples(sink.rows())).toEqual(await expectedTotals());
  });

  it('writes a delta, not the whole state, in the first batch after a restart, and restores through it', async () => {
    const sink = new MemorySink();
    const first = await startRun(0, 2, sink);
    await first.feed();
    await first.query.stop();
    const second = await startRun(2, 3, sink);
    await second.feed();
    await second.query.stop();
    const store = new FileCheckpointStore(dir);
    const kinds = await Promise.all([1, 2, 3].map(async (v) => decodeState((await store.readState(0, 0, v)) ?? new Uint8Array()).kind));
    expect(kinds).toEqual(['full', 'delta', 'delta']);
    const third = await startRun(3, 5, sink);
    await third.feed();
    await third.query.stop();
    expect(tuples(sink.rows())).toEqual(await expectedTotals());
  });

  it('replays a batch that crashed between sink write and commit, exactly once', async () => {
    const inner = new MemorySink();
    const seen: BatchContext[] = [];
    const recording = {
      addBatch: async (t: Parameters<MemorySink['addBatch']>[0], ctx: BatchContext) => {
        seen.push(ctx);
        await inner.addBatch(t, ctx);
      },
    } as MemorySink;
    const crashing = new CrashingSink(recording, new Set([1]));
    const first = await startRun(0, 2, crashing);
    await expect(first.feed()).rejects.toMatchObject({ code: 'SINK_ERROR' });
    await expect(first.query.awaitTermination()).rejects.toMatchObject({ code: 'SINK_ERROR' });
    expect(seen.map((c) => c.batchId)).toEqual([0, 1]);

    const second = await startRun(2, 5, crashing, new ManualClock(99_000));
    await second.feed();
    await second.query.stop();
    const replayed = seen.filter((c) => c.batchId === 1);
    expect(replayed).toHaveLength(2);
    expect(replayed[1]).toEqual(replayed[0]); // same offsets, watermark and batch timestamp
    expect(tuples(inner.rows())).toEqual(await expectedTotals());
  });

  it('survives a checkpoint store failing on the commit entry', async () => {
    const sink = new MemorySink();
    class FailingCommitStore extends FileCheckpointStore {
      failOn = 1;
      override async writeCommit(batchId: number, entry: { nextBatchWatermarkMs: number }) {
        if (batchId === this.failOn) throw new Error('disk full');
        return super.writeCommit(batchId, entry);
      }
    }
    const engine = createEngine();
    const stream = engine.readStream.memory(EVENT_SCHEMA, 'events');
    const store = new FailingCommitStore(dir);
    const df = countPerWindow(stream.toDF(), 5, 100);
    const q1 = await df.writeStream.outputMode('complete').checkpointStore(store).sink(sink).start();
    stream.addData(BLOCKS[0]);
    await q1.processAllAvailable();
    stream.addData(BLOCKS[1]);
    await expect(q1.processAllAvailable()).rejects.toThrow('disk full');
    await expect(q1.awaitTermination()).rejects.toThrow();
    store.failOn = -1;
    const q2 = await df.writeStream.outputMode('complete').checkpointStore(store).sink(sink).start();
    stream.addData(BLOCKS[2]);
    await q2.processAllAvailable();
    await q2.stop();
    const engine2 = createEngine();
    const expected = tuples(await countPerWindow(engine2.read.rows(BLOCKS.slice(0, 3).flat(), EVENT_SCHEMA), 5, null).collect());
    expect(tuples(sink.rows())).toEqual(expected);
  });

  it('keeps the checkpoint bounded: old offsets, commits and state versions are purged', async () => {
    const engine = createEngine({ minBatchesToRetain: 2 });
    const stream = engine.readStream.memory(EVENT_SCHEMA, 'events');
    const q = await countPerWindow(stream.toDF(), 5, 100)
      .writeStream.outputMode('update')
      .option('checkpointLocation', dir)
      .format('memory')
      .queryName('purge')
      .start();
    for (let i = 0; i < 45; i++) {
      stream.addData(toEvents([i]));
      await q.processAllAvailable();
    }
    await q.stop();
    const offsets = await readdir(join(dir, 'offsets'));
    const state = await readdir(join(dir, 'state', '0', '0'));
    expect(offsets.length).toBeLessThanOrEqual(13);
    expect(state.length).toBeLessThanOrEqual(13);
    // and a restart still restores the exact state
    const engine2 = createEngine();
    const stream2 = engine2.readStream.memory(EVENT_SCHEMA, 'events');
    for (let i = 0; i < 45; i++) stream2.addData(toEvents([i]));
    stream2.addData(toEvents([45]));
    const q2 = await countPerWindow(stream2.toDF(), 5, 100)
      .writeStream.outputMode('complete')
      .option('checkpointLocation', dir)
      .format('memory')
      .queryName('purge2')
      .start();
    await q2.processAllAvailable();
    await q2.stop();
    const expected = tuples(await countPerWindow(engine2.read.rows(toEvents(Array.from({ length: 46 }, (_, i) => i)), EVENT_SCHEMA), 5, null).collect());
    expect(tuples(engine2.table('purge2'))).toEqual(expected);
  });
});
