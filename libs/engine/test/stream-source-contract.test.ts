// A connector-style StreamSource (Arrow tables, JSON offsets) driven by the executor: columns are
// matched by name, offsets are logged and committed, and latestOffset gets the committed offset.
import { type Table, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { col, count, createEngine, type Offset, type StreamSource, toArrowSchema, schema, sum } from '../src/index';
import { MemoryCheckpointStore } from '../src/testing/index';

class ArraySource implements StreamSource {
  readonly name = 'orders';
  readonly schema = toArrowSchema(schema({ sku: 'string', qty: 'int' }));
  readonly committed: Offset[] = [];
  readonly asked: (Offset | undefined)[] = [];
  constructor(private readonly batches: { sku: string[]; qty: number[] }[]) {}
  async latestOffset(start?: Offset) {
    this.asked.push(start);
    return this.batches.length ? { batches: this.batches.length } : undefined;
  }
  async getBatch(start: Offset | undefined, end: Offset): Promise<Table> {
    const from = start ? (start as { batches: number }).batches : 0;
    const to = (end as { batches: number }).batches;
    const part = this.batches.slice(from, to);
    // columns deliberately in another order than the declared schema
    return tableFromArrays({ qty: Int32Array.from(part.flatMap((b) => b.qty)), sku: part.flatMap((b) => b.sku) });
  }
  async commit(end: Offset) {
    this.committed.push(end);
  }
  async stop() {
    this.committed.push('stopped');
  }
}

describe('StreamSource contract', () => {
  it('reads Arrow batches by column name and commits the logged offsets', async () => {
    const batches = [{ sku: ['a', 'b'], qty: [1, 2] }];
    const source = new ArraySource(batches);
    const store = new MemoryCheckpointStore();
    const engine = createEngine();
    const q = await engine.readStream
      .source(source)
      .groupBy(col('sku'))
      .agg(count().as('n'), sum('qty').as('q'))
      .writeStream.outputMode('complete')
      .checkpointStore(store)
      .format('memory')
      .queryName('orders')
      .start();
    await q.processAllAvailable();
    batches.push({ sku: ['a'], qty: [5] });
    await q.processAllAvailable();
    await q.stop();
    expect(engine.table('orders').sort((x, y) => String(x.sku).localeCompare(String(y.sku)))).toEqual([
      { sku: 'a', n: 2, q: 6 },
      { sku: 'b', n: 1, q: 2 },
    ]);
    expect(source.committed).toEqual([{ batches: 1 }, { batches: 2 }, 'stopped']);
    expect(source.asked).toContainEqual({ batches: 1 });
    expect((await store.latestOffsets())?.entry).toMatchObject({ startOffsets: { orders: { batches: 1 } }, endOffsets: { orders: { batches: 2 } } });
  });
});
