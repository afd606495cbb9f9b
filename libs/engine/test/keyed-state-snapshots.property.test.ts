// Keyed state (flatMapGroupsWithState) is checkpointed as a full snapshot on schedule and, between,
// deltas of the keys that changed (removed keys included). Property: any run of batches that update
// and remove keys, restarted anywhere (restored from a full snapshot plus its deltas), emits what the
// uninterrupted run emits; and a delta holds only the keys its batch touched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DataFrame, type GroupState, type Row, createEngine, schema } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';
import { decodeState } from '../src/state/state-codec';
import { restartAt, restartedRuns } from './support/restarted-runs';

const MOVES = schema({ sku: 'string', qty: 'int' });
const OUT = schema({ sku: 'string', on_hand: 'long', removed: 'boolean' });

/** Running stock per SKU; a SKU whose stock reaches 0 or below is forgotten (its state removed). */
const stock = (key: Row, rows: readonly Row[], state: GroupState<number>): Row[] => {
  const onHand = rows.reduce((n, r) => n + (r.qty as number), state.get() ?? 0);
  if (onHand <= 0) state.remove();
  else state.update(onHand);
  return [{ sku: key.sku, on_hand: onHand, removed: onHand <= 0 }];
};
const query = (df: DataFrame) => df.groupByKey('sku').flatMapGroupsWithState(stock, { outputSchema: OUT, outputMode: 'update', timeout: 'none' });

// few keys, so keys are often removed and touched again after a restart
const stepArb = fc.array(fc.record({ sku: fc.constantFrom('a', 'b'), qty: fc.integer({ min: -3, max: 3 }) }), { minLength: 1, maxLength: 3 });
const canon = (rows: readonly Row[]) => rows.map((r) => JSON.stringify(r));

describe('keyed state snapshots', () => {
  it('restarted anywhere across full snapshots and deltas, emits what the uninterrupted run emits (property)', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 2, maxLength: 14 }), fc.nat(), async (steps, at) => {
        const input = steps.map((rows) => [rows]);
        const whole = await restartedRuns([MOVES], input, query, { cuts: restartAt(null, input.length), mode: 'update' });
        const restarted = await restartedRuns([MOVES], input, query, { cuts: restartAt(at % (input.length + 1), input.length), mode: 'update' });
        expect(canon(restarted.emitted)).toEqual(canon(whole.emitted));
      }),
      { numRuns: 40 },
    );
  });

  it('writes a delta of only the touched keys between full snapshots, removals included', async () => {
    const store = new MemoryCheckpointStore();
    const engine = createEngine();
    const stream = engine.readStream.memory(MOVES);
    const q = await query(stream.toDF())
      .writeStream.outputMode('update')
      .checkpointStore(store)
      .foreachBatch(() => undefined)
      .start();
    stream.addData(Array.from({ length: 100 }, (_, i) => ({ sku: `s${i}`, qty: 5 })));
    await q.processAllAvailable();
    stream.addData([
      { sku: 's1', qty: 1 },
      { sku: 's2', qty: -5 },
    ]);
    await q.processAllAvailable();
    await q.stop();
    const [first, second] = await Promise.all([store.readState(0, 0, 1), store.readState(0, 0, 2)]);
    expect(decodeState(first!)).toMatchObject({ kind: 'full', length: 100 });
    const delta = decodeState(second!);
    expect(delta).toMatchObject({ kind: 'delta', length: 2 });
    expect(delta.strings('key')).toEqual(['["s2"]', '["s1"]']);
    expect([...delta.float('op').values]).toEqual([0, 1]);
  });
});
