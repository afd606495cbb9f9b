// Property: with late and out-of-order data, every step of an update/append query (data batch plus
// the no-data batch it triggers, when enabled) writes exactly what a naive model of SEMANTICS.md writes
// (late rows judged by the previous batch's watermark, eviction by the current one).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, schema, sum, window } from '../src/index';
import { type OracleConfig, type OracleEvent, runOracle } from './support/semantics-oracle';

const EVENTS = schema({ key: 'string', t: 'long', v: 'int' });
const stepsArb = fc.array(
  fc.array(fc.record({ key: fc.constantFrom('a', 'b'), t: fc.integer({ min: 0, max: 120 }), v: fc.integer({ min: 1, max: 9 }) }), { maxLength: 6 }),
  { minLength: 1, maxLength: 8 },
);
const configArb = fc.record({
  window: fc.constantFrom({ size: 10, slide: 10 }, { size: 10, slide: 5 }, { size: 10, slide: 4 }),
  delaySec: fc.integer({ min: 0, max: 30 }),
  mode: fc.constantFrom('append' as const, 'update' as const),
  noDataBatches: fc.boolean(),
});

async function runEngine(steps: OracleEvent[][], cfg: OracleConfig) {
  const engine = createEngine({ noDataMicroBatches: cfg.noDataBatches });
  const stream = engine.readStream.memory(EVENTS);
  const written: unknown[][][] = [];
  let current: unknown[][] = [];
  const q = await stream
    .toDF()
    .withColumn('ts', col('t').multiply(1000).cast('timestamp'))
    .withWatermark('ts', `${cfg.delaySec} seconds`)
    .groupBy(window('ts', `${cfg.sizeSec} seconds`, `${cfg.slideSec} seconds`), col('key'))
    .agg(count().as('n'), sum('v').as('s'))
    .writeStream.outputMode(cfg.mode)
    .foreachBatch((rows) => void current.push(...rows.map((r) => [r.key, (r.window as { start: number }).start / 1000, r.n, r.s])))
    .start();
  for (const rows of steps) {
    current = [];
    stream.addData(rows);
    await q.processAllAvailable();
    written.push(current);
  }
  await q.stop();
  return written;
}

const canon = (steps: unknown[][][]) => steps.map((rows) => rows.map((r) => JSON.stringify(r)).sort());

describe('streaming semantics oracle (property)', () => {
  it('writes per step what the model of SEMANTICS.md writes, late and out-of-order data included', async () => {
    await fc.assert(
      fc.asyncProperty(stepsArb, configArb, async (steps, c) => {
        const cfg: OracleConfig = { sizeSec: c.window.size, slideSec: c.window.slide, delaySec: c.delaySec, mode: c.mode, noDataBatches: c.noDataBatches };
        expect(canon(await runEngine(steps, cfg))).toEqual(canon(runOracle(steps, cfg)));
      }),
      { numRuns: 40 },
    );
  });
});
