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
        return ordered.map((e, i) => ({ row: { [names[0]]: e.k, [names[1]]: e.t * S, [names[2]]: i }, step: sorted[i] }));
      }),
    );

const scenarioArb = fc.record({
  inputs: fc.tuple(inputArb(['key', 'at', 'av']), inputArb(['bkey', 'bt', 'bv']), inputArb(['ckey', 'ct', 'cv'])),
  first: fc.constantFrom('inner' as const, 'left' as const),
  second: fc.constantFrom('inner' as const, 'left' as const),
  restart: fc.integer({ min: 0, max: STEPS }),
});

const chain =
  (first: 'inner' | 'left', second: 'inner' | 'left') =>
  (a: DataFrame, b: DataFrame, c: DataFrame): DataFrame =>
    a
      .withWatermark('at', `${DELAY_S} seconds`)
      .join(
        b.withWatermark('bt', `${DELAY_S} seconds`),
        col('key')
          .eq(col('bkey'))
          .and(col('at').eq(col('bt'))),
        first,
      )
      .drop('bt')
      .join(
        c.withWatermark('ct', `${DELAY_S} seconds`),
        col('key')
          .eq(col('ckey'))
          .and(col('at').eq(col('ct'))),
        second,
      );

const canon = (rows: readonly Row[]) =>
  rows
    .filter((r) => r.key !== SENTINEL)
    .map((r) => JSON.stringify(r))
    .sort();

describe('a stream-stream join after another equals the batch joins (property)', () => {
  it('for any split into micro-batches and a restart, inner and left outer at each join', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const build = chain(sc.first, sc.second);
        const engine = createEngine();
        const [a, b, c] = sc.inputs.map((rows, j) =>
          engine.read.rows(
            rows.map((r) => r.row),
            INPUTS[j],
          ),
        );
        const expected = await build(a, b, c).collect();
        // the last step: far-future rows that match nothing move every watermark past every real row
        const far = 10_000 * S;
        const last = [[{ key: SENTINEL, at: far, av: 0 }], [{ bkey: SENTINEL + 1, bt: far, bv: 0 }], [{ ckey: SENTINEL + 2, ct: far, cv: 0 }]];
        const steps = [...Array.from({ length: STEPS }, (_, s) => sc.inputs.map((rows) => rows.filter((r) => r.step === s).map((r) => r.row))), last];
        const { emitted } = await restartedRuns(INPUTS, steps, build, { cuts: restartAt(sc.restart, steps.length) });
        expect(canon(emitted)).toEqual(canon(expected));
      }),
      { numRuns: 40 },
    );
  });

  it('a left outer join on equal event times feeding a window count, for any split and a restart', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const build = (a: DataFrame, b: DataFrame): DataFrame =>
          a
            .withWatermark('at', `${DELAY_S} seconds`)
            .join(
              b.withWatermark('bt', `${DELAY_S} seconds`),
              col('key')
                .eq(col('bkey'))
                .and(col('at').eq(col('bt'))),
              'left',
            )
            .groupBy(window(col('at'), '2 seconds'), col('key'), col('bkey'))
            .agg(count().as('n'));
        const engine = createEngine();
        const [a, b] = sc.inputs.map((rows, j) =>
          engine.read.rows(
            rows.map((r) => r.row),
            INPUTS[j],
          ),
        );
        const expected = await build(a, b).collect();
        const far = 10_000 * S;
        const last = [[{ key: SENTINEL, at: far, av: 0 }], [{ bkey: SENTINEL + 1, bt: far, bv: 0 }]];
        const steps = [
          ...Array.from({ length: STEPS }, (_, s) => sc.inputs.slice(0, 2).map((rows) => rows.filter((r) => r.step === s).map((r) => r.row))),
          last,
        ];
        const { emitted } = await restartedRuns(INPUTS.slice(0, 2), steps, build, { cuts: restartAt(sc.restart, steps.length) });
        expect(canon(emitted)).toEqual(canon(expected));
      }),
      { numRuns: 25 },
    );
  });
});
