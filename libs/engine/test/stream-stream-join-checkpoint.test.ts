// A stream-stream join in the checkpoint: a stable operator id and kind in the metadata (after a dedupe on
// one input), both operators in progress, state resumed across a restart, a changed plan refused.
import { describe, expect, it } from 'vitest';
import { type DataFrame, col, createEngine, interval, schema } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';

const H = 3600_000;
const SALES = schema({ sale_id: 'string', sku: 'string', sale_ts: 'timestamp' });
const SHIPMENTS = schema({ ship_sku: 'string', units: 'int', ship_ts: 'timestamp' });

const restocked = (sales: DataFrame, shipments: DataFrame, dedupe: boolean) => {
  const watermarked = sales.withWatermark('sale_ts', '30 minutes');
  return (dedupe ? watermarked.dropDuplicatesWithinWatermark(['sale_id']) : watermarked).join(
    shipments.withWatermark('ship_ts', '30 minutes'),
    col('sku')
      .eq(col('ship_sku'))
      .and(col('ship_ts').between(col('sale_ts'), col('sale_ts').plus(interval('1 hour')))),
    'left',
  );
};

const FIRST_SALES = [
  { sale_id: 's1', sku: 'A', sale_ts: 1 * H },
  { sale_id: 's1', sku: 'A', sale_ts: 1 * H },
  { sale_id: 's2', sku: 'B', sale_ts: 1 * H },
];

/** A run on `store`; a restart re-adds what the memory source held before (`seen`), as a replayable source would. */
async function start(store: MemoryCheckpointStore, seen: typeof FIRST_SALES = [], dedupe = true) {
  const engine = createEngine();
  const sales = engine.readStream.memory(SALES, 'sales');
  const shipments = engine.readStream.memory(SHIPMENTS, 'shipments');
  if (seen.length) sales.addData(seen);
  const query = await restocked(sales.toDF(), shipments.toDF(), dedupe)
    .select('sale_id', 'units')
    .writeStream.outputMode('append')
    .checkpointStore(store)
    .format('memory')
    .queryName('restocked')
    .start();
  return { engine, sales, shipments, query };
}

describe('stream-stream join checkpoint', () => {
  it('records id and kind after a dedupe, lists both in progress, resumes its state and refuses another plan', async () => {
    const store = new MemoryCheckpointStore();
    const first = await start(store);
    first.sales.addData(FIRST_SALES);
    await first.query.processAllAvailable();
    expect(store.metadata?.stateOperators).toEqual([
      '0:dedupeWithinWatermark:sale_id,sku,sale_ts',
      '1:streamStreamJoin:sale_id,sku,sale_ts,ship_sku,units,ship_ts',
    ]);
    expect(first.query.lastProgress?.stateOperators.map((op) => [op.operatorId, op.operatorName, op.numRowsTotal])).toEqual([
      [0, 'dedupeWithinWatermark', 2],
      [1, 'streamStreamJoin', 2],
    ]);
    await first.query.stop();

    // the restarted query still holds both sales: the duplicate is dropped, s1 joins, s2 gets nulls once the watermark passes
    const second = await start(store, FIRST_SALES);
    second.sales.addData([{ sale_id: 's1', sku: 'A', sale_ts: 1 * H }]);
    second.shipments.addData([{ ship_sku: 'A', units: 4, ship_ts: 1.5 * H }]);
    await second.query.processAllAvailable();
    expect(second.engine.table('restocked')).toEqual([{ sale_id: 's1', units: 4 }]);
    second.sales.addData([{ sale_id: 's3', sku: 'C', sale_ts: 5 * H }]);
    second.shipments.addData([{ ship_sku: 'C', units: 1, ship_ts: 5 * H }]);
    await second.query.processAllAvailable();
    expect(second.engine.table('restocked')).toEqual([
      { sale_id: 's1', units: 4 },
      { sale_id: 's3', units: 1 },
      { sale_id: 's2', units: null },
    ]);
    await second.query.stop();

    await expect(start(store, FIRST_SALES, false)).rejects.toMatchObject({ code: 'CHECKPOINT_MISMATCH' });
  });
});
