// Every case of windowing-cases.json (and its variants) checked batch by batch against our engine.
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, schema, window, type Engine, type DataFrame } from '../src/index';
import { type CaseBatch, type WindowingCase, loadWindowingCases, sortRows, windowMs } from './support/acceptance-cases';

const cases = loadWindowingCases();

function windowedCount(events: DataFrame, c: WindowingCase, scaleMs: number): DataFrame {
  const w = windowMs(c.window);
  let df = events.withColumn('eventTime', col('value').multiply(scaleMs).cast('timestamp'));
  if (c.watermarkDelay !== null) df = df.withWatermark('eventTime', `${c.watermarkDelay} seconds`);
  const unit = c.window.durationMs !== undefined ? 1 : 1000;
  return df
    .groupBy(window('eventTime', w.size, w.slide, w.start))
    .agg(count().as('count'))
    .select(col('window.start').divide(unit).as('start'), col('window.end').divide(unit).as('end'), col('count'));
}

const asTuples = (rows: Record<string, unknown>[]): number[][] => sortRows(rows.map((r) => [r.start as number, r.end as number, r.count as number]));

async function runStreaming(engine: Engine, c: WindowingCase, batches: CaseBatch[], scaleMs: number) {
  const stream = engine.readStream.memory(schema({ value: 'long' }));
  const mode = c.outputMode as 'append' | 'update' | 'complete';
  const name = `case_${c.name}_${Math.random().toString(36).slice(2)}`;
  const query = await windowedCount(stream.toDF(), c, scaleMs).writeStream.outputMode(mode).format('memory').queryName(name).start();
  const sink = engine.memorySink(name)!;
  try {
    for (const [step, batch] of batches.entries()) {
      const before = sink.lastBatchId;
      const progressBefore = query.recentProgress.length;
      stream.addData(batch.input.map(([value]) => ({ value: Number(value) })));
      await query.processAllAvailable();
      const got = mode === 'complete' ? engine.table(name) : sink.rowsAfter(before);
      expect(asTuples(got), `step ${step}`).toEqual(sortRows(batch.expectedOutput));
      const progress = query.recentProgress.slice(progressBefore);
      const dataBatch = progress.find((p) => p.numInputRows > 0)!;
      if (batch.watermarkInDataBatchSec !== undefined) {
        expect(dataBatch.eventTime.watermarkMs, `watermark of data batch, step ${step}`).toBe(batch.watermarkInDataBatchSec * 1000);
      }
      if (batch.watermarkAfterSec !== undefined) {
        expect(query.currentWatermarkMs, `watermark after step ${step}`).toBe(batch.watermarkAfterSec * 1000);
      }
      if (batch.noDataBatchFollows !== undefined && engine.options.noDataMicroBatches) {
        expect(
          progress.some((p) => p.isNoDataBatch),
          `no-data batch after step ${step}`,
        ).toBe(batch.noDataBatchFollows);
      }
      if (batch.assertedNumStateRows !== undefined) {
        expect(query.lastProgress!.stateOperators[0].numRowsTotal, `state rows, step ${step}`).toBe(batch.assertedNumStateRows);
      }
      if (batch.assertedNumRowsDroppedByWatermark !== undefined) {
        expect(dataBatch.stateOperators[0].numRowsDroppedByWatermark, `dropped rows, step ${step}`).toBe(batch.assertedNumRowsDroppedByWatermark);
      }
    }
  } finally {
    await query.stop();
  }
}

describe('windowing-cases.json', () => {
  for (const c of cases) {
    const streaming = c.watermarkDelay !== null;
    describe(c.name, () => {
      if (streaming) {
        it('streams batch by batch like Spark', async () => {
          await runStreaming(createEngine(), c, c.batches, 1000);
        });
      } else {
        it('matches as a batch query', async () => {
          const engine = createEngine();
          for (const batch of c.batches) {
            const df = engine.read.rows(
              batch.input.map(([value]) => ({ value: Number(value) })),
              schema({ value: 'long' }),
            );
            expect(asTuples(await windowedCount(df, c, 1000).collect())).toEqual(sortRows(batch.expectedOutput));
          }
        });
        it('matches as a complete-mode stream', async () => {
          await runStreaming(createEngine(), { ...c, outputMode: 'complete' }, c.batches, 1000);
        });
      }
      for (const variant of c.variants ?? []) {
        it(`variant: ${variant.name}`, async () => {
          const merged: WindowingCase = { ...c, ...variant, window: variant.window ?? c.window };
          const msInput = merged.window.durationMs !== undefined;
          const noData = merged.conf?.['spark.sql.streaming.noDataMicroBatches.enabled'] !== 'false';
          const engine = createEngine({ noDataMicroBatches: noData });
          const batches = variant.batches ?? c.batches;
          if (streaming) await runStreaming(engine, merged, batches, 1000);
          else {
            for (const batch of batches) {
              const df = engine.read.rows(
                batch.input.map(([value]) => ({ value: Number(value) })),
                schema({ value: 'long' }),
              );
              expect(asTuples(await windowedCount(df, merged, msInput ? 1 : 1000).collect())).toEqual(sortRows(batch.expectedOutput));
            }
          }
        });
      }
    });
  }
});
