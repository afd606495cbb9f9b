// Property: a stream-stream join fed two event sets in any split into micro-batches (each side in
// event-time order up to a jitter below the watermark delay, so no row is late), with a restart
// somewhere, gives what the batch join with the same condition gives; for left outer after a final
// batch that moves both watermarks past every row, so every unmatched left row has been emitted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DataFrame, type Row, col, createEngine, interval, schema } from '../src/index';
import { JoinRun } from './support/join-run';

const S = 1000;
const DELAY_S = 5;
const LEFT = schema({ key: 'int', lt: 'timestamp', lv: 'int' });
const RIGHT = schema({ rkey: 'int', rt: 'timestamp', rv: 'int' });
const SENTINEL_KEYS = [98, 99];

interface Side {
  readonly rows: Row[];
  /** Batch index of each row (non-decreasing, in arrival order). */
  readonly cuts: number[];
}

/** Rows with times 1..60 s arriving in order of time + jitter (< delay), cut into `batches` batches. */
const sideArb = (key: string, time: string, value: string, batches: number) =>
  fc
    .array(fc.record({ k: fc.integer({ min: 1, max: 3 }), t: fc.integer({ min: 1, max: 60 }), jitter: fc.integer({ min: 0, max: DELAY_S - 1 }) }), {
      maxLength: 12,
    })
    .chain((events) =>
      fc.array(fc.integer({ min: 0, max: batches - 1 }), { minLength: events.length, maxLength: events.length }).map((cuts): Side => {
        const ordered = [...events].sort((a, b) => a.t + a.jitter - (b.t + b.jitter));
        return { rows: ordered.map((e, i) => ({ [key]: e.k, [time]: e.t * S, [value]: i })), cuts: cuts.sort((a, b) => a - b) };
      }),
    );

const BATCHES = 5;
const scenarioArb = fc.record({
  left: sideArb('key', 'lt', 'lv', BATCHES),
  right: sideArb('rkey', 'rt', 'rv', BATCHES),
  how: fc.constantFrom('inner' as const, 'left' as const),
  before: fc.integer({ min: 0, max: 10 }),
  after: fc.integer({ min: 0, max: 10 }),
  restartAt: fc.integer({ min: 0, max: BATCHES }),
});

/** rt between lt - before and lt + after, same key. */
const joinOf = (before: number, after: number, how: 'inner' | 'left') => (left: DataFrame, right: DataFrame) =>
  left.withWatermark('lt', `${DELAY_S} seconds`).join(
    right.withWatermark('rt', `${DELAY_S} seconds`),
    col('key')
      .eq(col('rkey'))
      .and(col('rt').between(col('lt').minus(interval(`${before} seconds`)), col('lt').plus(interval(`${after} seconds`)))),
    how,
  );

const canon = (rows: Row[]) =>
  rows
    .filter((r) => !SENTINEL_KEYS.includes(r.key as number))
    .map((r) => JSON.stringify(r))
    .sort();

describe('stream-stream join equals the batch join (property)', () => {
  it('for any split into micro-batches and a restart, inner and left outer', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const build = joinOf(sc.before, sc.after, sc.how);
        const engine = createEngine();
        const expected = await build(engine.read.rows(sc.left.rows, LEFT), engine.read.rows(sc.right.rows, RIGHT)).collect();

        const run = new JoinRun([LEFT, RIGHT], build);
        await run.start();
        const emitted: Row[] = [];
        const chunk = (side: Side, b: number) => {
          const rows = side.rows.filter((_, i) => side.cuts[i] === b);
          return rows.length ? rows : null;
        };
        for (let b = 0; b < BATCHES; b++) {
          if (b === sc.restartAt) await run.restart();
          emitted.push(...(await run.add(chunk(sc.left, b), chunk(sc.right, b))));
        }
        // far-future rows with keys that match nothing: both watermarks pass every real row
        emitted.push(...(await run.add([{ key: 99, lt: 10_000 * S, lv: 0 }], [{ rkey: 98, rt: 10_000 * S, rv: 0 }])));
        await run.stop();
        expect(canon(emitted)).toEqual(canon(expected));
      }),
      { numRuns: 30 },
    );
  });
});
