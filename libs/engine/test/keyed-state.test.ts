// groupByKey(...).mapGroupsWithState / flatMapGroupsWithState: per-key state, timeouts, checkpoints.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { col, createEngine, schema, type GroupState, type Row } from '../src/index';
import { ManualClock } from '../src/testing/index';

const MOVES = schema({ sku: 'string', qty: 'int', ts: 'timestamp' });
const STOCK = schema({ sku: 'string', on_hand: 'long', events: 'long' });

/** Running stock per SKU: state { onHand, events }, one output row per SKU and batch. */
const runningStock = (key: Row, rows: readonly Row[], state: GroupState<{ onHand: number; events: number }>): Row => {
  const current = state.get() ?? { onHand: 0, events: 0 };
  for (const r of rows) {
    current.onHand += r.qty as number;
    current.events += 1;
  }
  state.update(current);
  return { sku: key.sku, on_hand: current.onHand, events: current.events };
};

const bySku = (rows: Row[]) => [...rows].sort((a, b) => String(a.sku).localeCompare(String(b.sku)));

describe('keyed state', () => {
  it('keeps a running value per key across batches (update mode) and equals the batch run', async () => {
    const engine = createEngine();
    const stream = engine.readStream.memory(MOVES);
    const q = await stream
      .toDF()
      .groupByKey('sku')
      .mapGroupsWithState(runningStock, { outputSchema: STOCK })
      .writeStream.outputMode('update')
      .format('memory')
      .queryName('stock')
      .start();
    const batches = [
      [
        { sku: 'a', qty: 10, ts: 0 },
        { sku: 'b', qty: 5, ts: 0 },
        { sku: 'a', qty: -3, ts: 1 },
      ],
      [{ sku: 'a', qty: -2, ts: 2 }],
      [
        { sku: 'b', qty: -5, ts: 3 },
        { sku: 'c', qty: 1, ts: 3 },
      ],
    ];
    const sink = engine.memorySink('stock')!;
    const perBatch: Row[][] = [];
    for (const b of batches) {
      const before = sink.lastBatchId;
      stream.addData(b);
      await q.processAllAvailable();
      perBatch.push(bySku(sink.rowsAfter(before)));
    }
    await q.stop();
    expect(perBatch).toEqual([
      [
        { sku: 'a', on_hand: 7, events: 2 },
        { sku: 'b', on_hand: 5, events: 1 },
      ],
      [{ sku: 'a', on_hand: 5, events: 3 }],
      [
        { sku: 'b', on_hand: 0, events: 2 },
        { sku: 'c', on_hand: 1, events: 1 },
      ],
    ]);
    const batchRun = await engine.read.rows(batches.flat(), MOVES).groupByKey('sku').mapGroupsWithState(runningStock, { outputSchema: STOCK }).collect();
    expect(bySku(batchRun)).toEqual([
      { sku: 'a', on_hand: 5, events: 3 },
      { sku: 'b', on_hand: 0, events: 2 },
      { sku: 'c', on_hand: 1, events: 1 },
    ]);
    expect(q.lastProgress!.stateOperators[0].numRowsTotal).toBe(3);
  });

  it('times out idle keys by processing time (strictly after the deadline)', async () => {
    const clock = new ManualClock(1_000);
    const engine = createEngine({ clock });
    const stream = engine.readStream.memory(MOVES);
    const idle = (key: Row, rows: readonly Row[], state: GroupState<number>): Row[] => {
      if (state.hasTimedOut) {
        state.remove();
        return [{ sku: key.sku, seen: -1 }];
      }
      state.update((state.get() ?? 0) + rows.length);
      state.setTimeoutDuration('10 seconds');
      return [{ sku: key.sku, seen: state.get() }];
    };
    const out = schema({ sku: 'string', seen: 'long' });
    const q = await stream
      .toDF()
      .groupByKey('sku')
      .flatMapGroupsWithState(idle, { outputSchema: out, outputMode: 'update', timeout: 'processingTime' })
      .writeStream.outputMode('update')
      .format('memory')
      .queryName('idle')
      .start();
    stream.addData([{ sku: 'a', qty: 1, ts: 0 }]);
    await q.processAllAvailable();
    clock.set(11_000); // deadline 11,000 is not passed yet
    await q.processAllAvailable();
    expect(engine.table('idle')).toEqual([{ sku: 'a', seen: 1 }]);
    clock.set(11_001);
    await q.processAllAvailable();
    await q.stop();
    expect(engine.table('idle')).toEqual([
      { sku: 'a', seen: 1 },
      { sku: 'a', seen: -1 },
    ]);
    expect(q.lastProgress!.stateOperators[0].numRowsTotal).toBe(0);
  });

  it('times out by event time once the watermark passes the deadline, and filters late input', async () => {
    const engine = createEngine();
    const stream = engine.readStream.memory(MOVES);
    const fn = (key: Row, rows: readonly Row[], state: GroupState<number>): Row[] => {
      if (state.hasTimedOut) {
        state.remove();
        return [{ sku: key.sku, n: -1 }];
      }
      const n = (state.get() ?? 0) + rows.length;
      state.update(n);
      state.setTimeoutTimestamp(Math.max(...rows.map((r) => r.ts as number)) + 5_000);
      return [{ sku: key.sku, n }];
    };
    const q = await stream
      .toDF()
      .withWatermark('ts', '10 seconds')
      .groupByKey('sku')
      .flatMapGroupsWithState(fn, { outputSchema: schema({ sku: 'string', n: 'long' }), outputMode: 'update', timeout: 'eventTime' })
      .writeStream.outputMode('update')
      .format('memory')
      .queryName('et')
      .start();
    const sink = engine.memorySink('et')!;
    stream.addData([10, 13, 15].map((s) => ({ sku: 'a', qty: 1, ts: s * 1000 })));
    await q.processAllAvailable(); // watermark -> 5 s, deadline of a = 20 s
    stream.addData([{ sku: 'a', qty: 1, ts: 4_000 }]); // late (<= 5 s): filtered
    await q.processAllAvailable();
    expect(sink.rows()).toEqual([{ sku: 'a', n: 3 }]);
    let before = sink.lastBatchId;
    stream.addData([{ sku: 'b', qty: 1, ts: 31_000 }]); // watermark -> 21 s: a times out in the no-data batch
    await q.processAllAvailable();
    expect(bySku(sink.rowsAfter(before))).toEqual([
      { sku: 'a', n: -1 },
      { sku: 'b', n: 1 },
    ]);
    before = sink.lastBatchId;
    await q.stop();
    expect(q.recentProgress.some((p) => p.isNoDataBatch)).toBe(true);
  });

  it('checkpoints keyed state by key partition and restores it on restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'engine-keyed-'));
    try {
      const blocks = [
        [
          { sku: 'a', qty: 10, ts: 0 },
          { sku: 'b', qty: 4, ts: 0 },
          { sku: 'c', qty: 1, ts: 0 },
        ],
        [
          { sku: 'a', qty: -1, ts: 1 },
          { sku: 'd', qty: 2, ts: 1 },
        ],
      ];
      const run = async (available: number) => {
        const engine = createEngine({ numStatePartitions: 4 });
        const stream = engine.readStream.memory(MOVES, 'moves');
        for (const b of blocks.slice(0, available)) stream.addData(b);
        const q = await stream
          .toDF()
          .groupByKey(col('sku'))
          .mapGroupsWithState(runningStock, { outputSchema: STOCK })
          .writeStream.outputMode('update')
          .option('checkpointLocation', dir)
          .format('memory')
          .queryName('stock')
          .start();
        await q.processAllAvailable();
        await q.stop();
        return engine.table('stock');
      };
      await run(1);
      const parts = await readdir(join(dir, 'state', '0'));
      expect(parts.sort()).toEqual(['0', '1', '2', '3']);
      expect(bySku(await run(2))).toEqual([
        { sku: 'a', on_hand: 9, events: 2 },
        { sku: 'd', on_hand: 2, events: 1 },
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps state changes only through update()', async () => {
    const engine = createEngine();
    const stream = engine.readStream.memory(MOVES);
    const fn = (key: Row, rows: readonly Row[], state: GroupState<{ n: number }>): Row => {
      const s = state.get();
      if (!s) state.update({ n: rows.length });
      else if (rows[0].qty === 0)
        s.n += 100; // mutated but not updated: must not stick
      else state.update({ n: s.n + rows.length });
      return { sku: key.sku, on_hand: state.get()?.n ?? 0, events: rows.length };
    };
    const q = await stream
      .toDF()
      .groupByKey('sku')
      .mapGroupsWithState(fn, { outputSchema: STOCK })
      .writeStream.outputMode('update')
      .format('memory')
      .queryName('mut')
      .start();
    for (const qty of [1, 0, 1]) {
      stream.addData([{ sku: 'a', qty, ts: 0 }]);
      await q.processAllAvailable();
    }
    await q.stop();
    expect(engine.table('mut').map((r) => r.on_hand)).toEqual([1, 101, 2]);
  });

  it('rejects complete mode, wrong timeouts and rows that do not fit the output schema', async () => {
    const engine = createEngine();
    const stream = engine.readStream.memory(MOVES);
    const df = stream.toDF().groupByKey('sku').mapGroupsWithState(runningStock, { outputSchema: STOCK });
    await expect(df.writeStream.outputMode('complete').format('memory').queryName('x').start()).rejects.toMatchObject({ code: 'UNSUPPORTED_OUTPUT_MODE' });
    expect(() => stream.toDF().groupByKey('sku').mapGroupsWithState(runningStock, { outputSchema: STOCK, timeout: 'eventTime' })).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE_TIMEOUT' }),
    );
    const bad = stream
      .toDF()
      .groupByKey('sku')
      .mapGroupsWithState((key) => ({ sku: key.sku, on_hand: 'lots' }), { outputSchema: STOCK });
    const q = await bad.writeStream.outputMode('update').format('memory').queryName('bad').start();
    stream.addData([{ sku: 'a', qty: 1, ts: 0 }]);
    await expect(q.processAllAvailable()).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
