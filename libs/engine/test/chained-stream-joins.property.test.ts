// Property: a stream-stream join after another one (three streams joined on key and equal event time,
// inner or left outer at each step) fed in any split into micro-batches, with a restart somewhere, gives
// what the batch join gives. Each side arrives in event-time order up to a jitter below the watermark
// delay, so no input row is late; the last step moves every watermark past every row. Also a left outer
// join on equal event times feeding a window aggregation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DataFrame, type Row, type StructType, col, count, createEngine, schema, window } from '../src/index';
import { restartAt, restartedRuns } from './support/restarted-runs';

const S = 1000;
const DELAY_S = 3;
const STEPS = 4;
const INPUTS: readonly StructType[] = [
  schema({ key: 'int', at: 'timestamp', av: 'int' }),
  schema({ bkey: 'int', bt: 'timestamp', bv: 'int' }),
  schema({ ckey: 'int', ct: 'timestamp', cv: 'int' }),
];
const SENTINEL = 99;

interface Arrival {
  readonly row: Row;
  readonly step: number;
}

/** One input's rows (times 1..8 s, keys 1..2) in arrival order, each with the step it arrives in. */
const inputArb = (names: readonly [string, string, string]) =>
  fc
    .array(fc.record({ k: fc.integer({ min: 1, max: 2 }), t: fc.integer({ min: 1, max: 8 }), jitter: fc.integer({ min: 0, max: DELAY_S - 1 }) }), {
      maxLength: 8,
    })
    .chain((events) =>
      fc.array(fc.integer({ min: 0, max: STEPS - 1 }), { minLength: events.length, maxLength: events.length }).map((steps) => {
        const ordered = [...events].sort((a, b) => a.t + a.jitter - (b.t + b.jitter));
        const sorted = [...steps].sort((a, b) => a - b);
        return ordered.map((e, i): Arrival => ({ row: { [names[0]]: e.k, [names[1]]: e.t * S, [names[2]]: i }, step: sorted[i] }));
      }),
    );

const scenarioArb = fc.record({
  inputs: fc.tuple(inputArb(['key', 'at', 'av']), inputArb(['bkey', 'bt', 'bv']), inputArb(['ckey', 'ct', 'cv'])),
  first: fc.constantFrom('inner' as const, 'left' as const),
  second: fc.constantFrom('inner' as const, 'left' as const),
  restart: fc.integer({ min: 0, max: STEPS }),
});

/** `left` joined with `right` on key and equal event time (`time` the right side's watermarked column). */
const onKeyAndTime = (left: DataFrame, right: DataFrame, key: string, time: string, how: 'inner' | 'left') =>
  left.join(
    right.withWatermark(time, `${DELAY_S} seconds`),
    col('key')
      .eq(col(key))
      .and(col('at').eq(col(time))),
    how,
  );

const chain =
  (first: 'inner' | 'left', second: 'inner' | 'left') =>
  (a: DataFrame, b: DataFrame, c: DataFrame): DataFrame =>
    onKeyAndTime(onKeyAndTime(a.withWatermark('at', `${DELAY_S} seconds`), b, 'bkey', 'bt', first).drop('bt'), c, 'ckey', 'ct', second);

/** One far-future row per input that matches nothing: the last step moves every watermark past every real row. */
const FAR = 10_000 * S;
const LAST = [[{ key: SENTINEL, at: FAR, av: 0 }], [{ bkey: SENTINEL + 1, bt: FAR, bv: 0 }], [{ ckey: SENTINEL + 2, ct: FAR, cv: 0 }]];

const canon = (rows: readonly Row[]) =>
  rows
    .filter((r) => r.key !== SENTINEL)
    .map((r) => JSON.stringify(r))
    .sort();

/** The first `n` inputs of a scenario as one batch query, and streamed step by step with its restart. */
async function batchAndStream(sc: { inputs: readonly Arrival[][]; restart: number }, n: number, build: (...frames: DataFrame[]) => DataFrame) {
  const inputs = sc.inputs.slice(0, n);
  const engine = createEngine();
  const expected = await build(
    ...inputs.map((rows, j) =>
      engine.read.rows(
        rows.map((r) => r.row),
        INPUTS[j],
      ),
    ),
  ).collect();
  const steps = [...Array.from({ length: STEPS }, (_, s) => inputs.map((rows) => rows.filter((r) => r.step === s).map((r) => r.row))), LAST.slice(0, n)];
  const { emitted } = await restartedRuns(INPUTS.slice(0, n), steps, build, { cuts: restartAt(sc.restart, steps.length) });
  return { expected: canon(expected), streamed: canon(emitted) };
}

describe('a stream-stream join after another equals the batch joins (property)', () => {
  it('for any split into micro-batches and a restart, inner and left outer at each join', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const { expected, streamed } = await batchAndStream(sc, 3, (a, b, c) => chain(sc.first, sc.second)(a, b, c));
        expect(streamed).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('passes on a left outer row whose time equals the watermark before the next operator judges it late', async () => {
    // watermark 1 s after the first batch (4 s - 3 s): the row at 1 s matches nothing and must leave the first
    // join while the second still accepts it (Spark evicts a time key at <= watermark)
    const sc = {
      inputs: [
        [
          { row: { key: 1, at: 1 * S, av: 0 }, step: 0 },
          { row: { key: 1, at: 4 * S, av: 1 }, step: 0 },
        ],
        [{ row: { bkey: 1, bt: 4 * S, bv: 0 }, step: 0 }],
        [{ row: { ckey: 1, ct: 4 * S, cv: 0 }, step: 0 }],
      ],
      restart: STEPS,
    };
    const { expected, streamed } = await batchAndStream(sc, 3, (a, b, c) => chain('left', 'left')(a, b, c));
    expect(expected).toHaveLength(2);
    expect(streamed).toEqual(expected);
  });

  it('a left outer join on equal event times feeding a window count, for any split and a restart', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const build = (a: DataFrame, b: DataFrame): DataFrame =>
          onKeyAndTime(a.withWatermark('at', `${DELAY_S} seconds`), b, 'bkey', 'bt', 'left')
            .groupBy(window(col('at'), '2 seconds'), col('key'), col('bkey'))
            .agg(count().as('n'));
        const { expected, streamed } = await batchAndStream(sc, 2, (a, b) => build(a, b));
        expect(streamed).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
