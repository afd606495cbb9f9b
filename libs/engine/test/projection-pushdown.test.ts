// Projection pushdown in the analysis: each input of a stream-stream join or a session window is asked
// only for the columns the query uses (the file readers' side: libs/files-connector/test/projection-pushdown.test.ts).
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, interval, schema, session_window, type DataFrame } from '../src';
import { walkPlan } from '../src/analysis/analyzed-plan';
import { analyzePlan } from '../src/analysis/analyzer';
import { type RequiredColumnsOptions, requiredColumns } from '../src/analysis/required-columns';

describe('projection pushdown', () => {
  it('stream-stream join reads its keys, condition and time columns; a session window its time column', async () => {
    const engine = createEngine();
    /** The columns each input of `df` reads, in plan order. */
    const reads = (df: DataFrame, options?: RequiredColumnsOptions) => {
      const plan = analyzePlan(df.plan);
      const { inputs } = requiredColumns(plan, options);
      const out: string[][] = [];
      walkPlan(plan, (n) => {
        if (n.kind === 'StreamRelation') out.push(n.schema.fields.filter((_, i) => inputs.get(n.source)?.has(i)).map((f) => f.name));
      });
      return out;
    };
    const sales = engine.readStream.memory(schema({ sale_id: 'long', sku: 'string', min_units: 'long', sale_ts: 'timestamp', note: 'string' })).toDF();
    const ships = engine.readStream.memory(schema({ ship_sku: 'string', units: 'long', ship_ts: 'timestamp', carrier: 'string' })).toDF();
    const joined = sales
      .withWatermark('sale_ts', '30 minutes')
      .join(
        ships.withWatermark('ship_ts', '30 minutes'),
        col('sku')
          .eq(col('ship_sku'))
          .and(col('units').geq(col('min_units')))
          .and(col('ship_ts').between(col('sale_ts'), col('sale_ts').plus(interval('1 hour')))),
        'left',
      )
      .select('sale_id', 'units');
    expect(reads(joined)).toEqual([
      ['sale_id', 'sku', 'min_units', 'sale_ts'],
      ['ship_sku', 'units', 'ship_ts'],
    ]);
    expect(reads(joined, { lateRowsOutput: true })).toEqual([
      ['sale_id', 'sku', 'min_units', 'sale_ts', 'note'],
      ['ship_sku', 'units', 'ship_ts', 'carrier'],
    ]);
    const sessions = ships.withWatermark('ship_ts', '10 minutes').groupBy(session_window('ship_ts', '5 minutes'), col('ship_sku')).agg(count());
    expect(reads(sessions)).toEqual([['ship_sku', 'ship_ts']]);
  });
});
