// writeStream.lateRows(sink): rows the stateful operators drop as late reach a side sink with the
// operator id and the watermark that dropped them, once per batch; the main output is unchanged.
import { describe, expect, it } from 'vitest';
import { col, createEngine, interval, schema, session_window, sum, window } from '@shelfstream/engine';
import { CrashingSink, MemoryCheckpointStore, MemorySink } from '@shelfstream/engine/testing';
import type { DataFrame } from '@shelfstream/engine';
import { Pool } from 'pg';
import { postgresSink } from '../src';
import { createTestDatabase } from '../src/testing';
import type { StreamingQueryProgress } from '@shelfstream/engine';

const s = schema({ id: 'string', qty: 'int', ts: 'timestamp' });
const MIN = 60_000;
const at = (m: number) => (100 + m) * MIN; // clear of the epoch (the initial watermark 0 makes it late)

async function run(build: (df: DataFrame) => DataFrame, mode: 'append' | 'update', side: MemorySink | null, batches: Record<string, unknown>[][]) {
  const engine = createEngine();
  const stream = engine.readStream.memory(s);
  let writer = build(stream.toDF()).writeStream.outputMode(mode).format('memory').queryName('main');
  if (side) writer = writer.lateRows(side);
  const q = await writer.start();
  const progress: StreamingQueryProgress[] = [];
  q.on('progress', (p: StreamingQueryProgress) => progress.push(p));
  for (const rows of batches) {
    stream.addData(rows);
    await q.processAllAvailable();
  }
  await q.stop();
  const dropped = progress.reduce((n, p) => n + p.stateOperators.reduce((m, o) => m + o.numRowsDroppedByWatermark, 0), 0);
  return { main: engine.memorySink('main')!.rows(), dropped };
}

const batches = [
  [
    { id: 'a', qty: 1, ts: at(0) },
    { id: 'b', qty: 2, ts: at(30) },
  ],
  [
    { id: 'c', qty: 3, ts: at(5) },
    { id: 'd', qty: 4, ts: at(31) },
    { id: 'e', qty: 5, ts: at(12) },
  ],
  [
    { id: 'f', qty: 6, ts: at(1) },
    { id: 'g', qty: 7, ts: at(40) },
  ],
];

describe('late rows side output', () => {
  it('dedupe: every dropped row arrives, count = numRowsDroppedByWatermark, main output unchanged', async () => {
    const dedupe = (df: DataFrame) => df.withWatermark('ts', '10 minutes').dropDuplicatesWithinWatermark(['id']);
    const side = new MemorySink();
    const withSide = await run(dedupe, 'append', side, batches);
    const without = await run(dedupe, 'append', null, batches);
    const late = side.rows();
    expect(late.map((r) => JSON.parse(r.row as string).id).sort()).toEqual(['c', 'e', 'f']);
    expect(late).toHaveLength(withSide.dropped);
    expect(late.every((r) => r.operator_id === 0 && r.operator === 'dedupeWithinWatermark')).toBe(true);
    expect(late.find((r) => JSON.parse(r.row as string).id === 'c')!.watermark).toBe(at(20));
    expect(late.find((r) => JSON.parse(r.row as string).id === 'f')!.watermark).toBe(at(20)); // the previous batch's watermark (Spark 3.4+)
    expect(withSide.main).toEqual(without.main);
    expect(withSide.dropped).toBe(without.dropped);
  });

  it('windowed aggregation: late rows (one per late window here) match numRowsDroppedByWatermark', async () => {
    const agg = (df: DataFrame) =>
      df
        .withWatermark('ts', '10 minutes')
        .groupBy(window(col('ts'), '5 minutes'))
        .agg(sum('qty').as('q'));
    const side = new MemorySink();
    const withSide = await run(agg, 'update', side, batches);
    const without = await run(agg, 'update', null, batches);
    const late = side.rows();
    expect(late.map((r) => JSON.parse(r.row as string).ts).sort((a, b) => a - b)).toEqual([at(1), at(5), at(12)]);
    expect(late.every((r) => r.operator === 'aggregate' && r.operator_id === 0)).toBe(true);
    expect(late).toHaveLength(withSide.dropped);
    expect(withSide.main).toEqual(without.main);
  });

  it('session windows: every dropped row arrives, main output unchanged', async () => {
    const sessions = (df: DataFrame) => df.withWatermark('ts', '10 minutes').groupBy(session_window('ts', '5 minutes'), col('id')).agg(sum('qty').as('q'));
    const side = new MemorySink();
    const withSide = await run(sessions, 'append', side, batches);
    const without = await run(sessions, 'append', null, batches);
    const late = side.rows();
    expect(late.map((r) => JSON.parse(r.row as string).id).sort()).toEqual(['c', 'e', 'f']);
    expect(late.every((r) => r.operator === 'sessionWindowAggregate')).toBe(true);
    expect(late).toHaveLength(withSide.dropped);
    expect(withSide.main).toEqual(without.main);
  });

  it('stream-stream join: late rows of either side arrive', async () => {
    const engine = createEngine();
    const left = engine.readStream.memory(s);
    const right = engine.readStream.memory(schema({ rid: 'string', rts: 'timestamp' }));
    const side = new MemorySink();
    const q = await left
      .toDF()
      .withWatermark('ts', '10 minutes')
      .join(
        right.toDF().withWatermark('rts', '10 minutes'),
        col('id')
          .eq(col('rid'))
          .and(col('rts').between(col('ts'), col('ts').plus(interval('5 minutes')))),
      )
      .writeStream.outputMode('append')
      .format('memory')
      .queryName('joined')
      .lateRows(side)
      .start();
    let dropped = 0;
    q.on('progress', (p: StreamingQueryProgress) => (dropped += p.stateOperators.reduce((m, o) => m + o.numRowsDroppedByWatermark, 0)));
    left.addData([{ id: 'a', qty: 1, ts: at(30) }]);
    right.addData([{ rid: 'a', rts: at(31) }]);
    await q.processAllAvailable();
    right.addData([{ rid: 'c', rts: at(32) }]); // a batch that moves the late-events watermark to at(20)
    await q.processAllAvailable();
    left.addData([{ id: 'b', qty: 2, ts: at(5) }]); // behind it
    right.addData([{ rid: 'b', rts: at(6) }]);
    await q.processAllAvailable();
    await q.stop();
    const late = side.rows().map((r) => JSON.parse(r.row as string));
    expect(late).toEqual(
      expect.arrayContaining([
        { id: 'b', qty: 2, ts: at(5) },
        { rid: 'b', rts: at(6) },
      ]),
    );
    expect(late).toHaveLength(2);
    expect(dropped).toBe(2);
    expect(side.rows().every((r) => r.operator === 'streamStreamJoin')).toBe(true);
    expect(
      engine
        .memorySink('joined')!
        .rows()
        .map((r) => r.id),
    ).toEqual(['a']);
  });

  it('a batch replayed after a crash does not duplicate its late rows (sink idempotent per batch id)', async () => {
    const engine = createEngine();
    const store = new MemoryCheckpointStore();
    const side = new MemorySink();
    const stream = engine.readStream.memory(s, 'events');
    const dedupe = stream.toDF().withWatermark('ts', '10 minutes').dropDuplicatesWithinWatermark(['id']);
    // the late-rows sink writes batch 1, then the process "crashes" before the commit
    const first = await dedupe.writeStream
      .sink(new MemorySink())
      .lateRows(new CrashingSink(side, new Set([0, 1, 2, 3])))
      .checkpointStore(store)
      .queryName('q')
      .start();
    stream.addData(batches[0]);
    await first.processAllAvailable();
    stream.addData(batches[1]);
    await expect(first.processAllAvailable()).rejects.toMatchObject({ code: 'SINK_ERROR' });
    const second = await dedupe.writeStream.sink(new MemorySink()).lateRows(side).checkpointStore(store).queryName('q').start();
    await second.processAllAvailable();
    await second.stop();
    expect(side.batches.size).toBe(1);
    expect(
      side
        .rows()
        .map((r) => JSON.parse(r.row as string).id)
        .sort(),
    ).toEqual(['c', 'e']);
  });

  it('into a Postgres dead-letter-like table through postgresSink, a replayed batch stored once', async () => {
    const db = await createTestDatabase('late_rows');
    const pool = new Pool({ connectionString: db.url, max: 2 });
    try {
      await pool.query('CREATE TABLE late_events (operator_id int, operator text, watermark timestamptz, row text, batch_id bigint)');
      const sink = () => postgresSink({ connection: pool, table: 'late_events', name: 'late-rows', batchIdColumn: 'batch_id' });
      const engine = createEngine();
      const store = new MemoryCheckpointStore();
      const stream = engine.readStream.memory(s, 'events');
      const dedupe = stream.toDF().withWatermark('ts', '10 minutes').dropDuplicatesWithinWatermark(['id']);
      const first = await dedupe.writeStream
        .sink(new MemorySink())
        .lateRows(new CrashingSink(sink(), new Set([0, 1, 2, 3])))
        .checkpointStore(store)
        .queryName('pg')
        .start();
      stream.addData(batches[0]);
      await first.processAllAvailable();
      stream.addData(batches[1]);
      await expect(first.processAllAvailable()).rejects.toMatchObject({ code: 'SINK_ERROR' });
      const second = await dedupe.writeStream.sink(new MemorySink()).lateRows(sink()).checkpointStore(store).queryName('pg').start();
      await second.processAllAvailable();
      await second.stop();
      const rows = (
        await pool.query(
          `SELECT operator_id, operator, row::jsonb->>'id' AS id, (extract(epoch from watermark) * 1000)::bigint::text AS wm FROM late_events ORDER BY id`,
        )
      ).rows;
      expect(rows).toEqual([
        { operator_id: 0, operator: 'dedupeWithinWatermark', id: 'c', wm: String(at(20)) },
        { operator_id: 0, operator: 'dedupeWithinWatermark', id: 'e', wm: String(at(20)) },
      ]);
    } finally {
      await pool.end();
      await db.drop();
    }
  });
});
