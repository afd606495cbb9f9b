// State is split by key into partitions with a pluggable partitioner (so state can follow the source's
// partitioning); a key's windows stay in one partition and a restart restores every partition.
import { describe, expect, it } from 'vitest';
import { createEngine, type KeyValue } from '../src/index';
import { decodeState } from '../src/state/state-codec';
import { MemoryCheckpointStore } from '../src/testing/index';
import { EVENT_SCHEMA, countPerWindow, toEvents, tuples } from './support/streams';

const byFirstLetter = (key: readonly KeyValue[]) => (String(key[0]).startsWith('a') ? 0 : 1);

/** A run whose replayable source already holds `seen` (earlier runs' data), then gets `blocks`. */
async function run(store: MemoryCheckpointStore, seen: ReturnType<typeof toEvents>[], blocks: ReturnType<typeof toEvents>[]) {
  const engine = createEngine({ numStatePartitions: 2, statePartitioner: byFirstLetter });
  const stream = engine.readStream.memory(EVENT_SCHEMA, 'events');
  for (const b of seen) stream.addData(b);
  const q = await countPerWindow(stream.toDF(), 5, 100).writeStream.outputMode('complete').checkpointStore(store).format('memory').queryName('parts').start();
  for (const b of blocks) {
    stream.addData(b);
    await q.processAllAvailable();
  }
  await q.stop();
  return engine.table('parts');
}

describe('state partitioning', () => {
  it('puts each key (with all its windows) into the partition the partitioner picks', async () => {
    const store = new MemoryCheckpointStore();
    const blocks = [toEvents([1, 7, 12], 'apple'), toEvents([2, 9], 'banana'), toEvents([3], 'avocado')];
    await run(store, [], blocks);
    const keysIn = (partition: number) => {
      const blob = store.state.get(`0/${partition}/3`);
      return blob ? new Set(decodeState(blob).strings('k1')) : new Set();
    };
    // version 3 is a delta: it holds the groups changed by the third batch only
    expect([...keysIn(0)]).toEqual(['avocado']);
    expect([...keysIn(1)]).toEqual([]);
    const full = (partition: number) => new Set(decodeState(store.state.get(`0/${partition}/1`)!).strings('k1'));
    expect([...full(0)]).toEqual(['apple']);
    expect([...full(1)]).toEqual([]);
    expect([...new Set(decodeState(store.state.get('0/1/2')!).strings('k1'))]).toEqual(['banana']);

    const restored = await run(store, blocks, [toEvents([13], 'banana')]);
    const engine = createEngine();
    const expected = await countPerWindow(engine.read.rows([...blocks.flat(), ...toEvents([13], 'banana')], EVENT_SCHEMA), 5, null).collect();
    expect(tuples(restored)).toEqual(tuples(expected));
  });

  it('rejects a partitioner that returns an out-of-range partition', async () => {
    const engine = createEngine({ numStatePartitions: 2, statePartitioner: () => 7 });
    const stream = engine.readStream.memory(EVENT_SCHEMA);
    const q = await countPerWindow(stream.toDF(), 5, 100).writeStream.outputMode('update').format('memory').queryName('bad-parts').start();
    stream.addData(toEvents([1], 'x'));
    await expect(q.processAllAvailable()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
