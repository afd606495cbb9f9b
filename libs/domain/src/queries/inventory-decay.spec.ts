// The live inventory stream decays the windowed figures of quiet SKUs as the store clock moves on (also
// when the whole store is quiet), and ends with the batch result computed as of the same time.
import { createEngine, type Row } from '@shelfstream/engine';
import { ManualClock } from '@shelfstream/engine/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INVENTORY_DIMENSION_SCHEMA, liveInventory } from './inventory-query';
import { SALES_EVENTS_SCHEMA } from './sales-events-frame';

const T0 = Date.UTC(2026, 11, 5, 9, 0);
const MIN = 60_000;
const H = 60 * MIN;
const product = (sku: string) => ({
  sku,
  name: sku,
  category: 'home decor',
  initial_stock: 1000,
  low_stock_threshold: 5,
  restock_lead_hours: 48,
  current_price: 2,
  baseline_hourly_rate: 2,
});
let seq = 0;
const sale = (sku: string, quantity: number, atMs: number, type = 'sale') => ({
  event_id: `d${++seq}`,
  type,
  sku,
  store: 'united-kingdom',
  quantity,
  unit_price: 2,
  currency: 'GBP',
  event_time: atMs,
});

async function streamOf(skus: string[], clock: ManualClock) {
  const engine = createEngine({ clock });
  const input = engine.readStream.memory(SALES_EVENTS_SCHEMA);
  const dim = engine.read.rows(skus.map(product), INVENTORY_DIMENSION_SCHEMA);
  const query = await liveInventory(input.toDF(), dim).writeStream.outputMode('update').format('memory').queryName('inv').start();
  return { engine, input, query, rows: () => engine.table('inv') };
}

const lastPerSku = (rows: Row[]) => [...new Map(rows.map((r) => [r['sku'], r])).values()].sort((a, b) => String(a['sku']).localeCompare(String(b['sku'])));

describe('live inventory decay in the stream', () => {
  it('a burst then a quiet store: the last hour empties, the 24 h window later, each change emitted once', async () => {
    const clock = new ManualClock(T0);
    const { input, query, rows } = await streamOf(['A'], clock);
    input.addData([sale('A', 10, T0 - 40 * MIN), sale('A', 14, T0 - 5 * MIN)]);
    await query.processAllAvailable();
    expect(rows().at(-1)).toMatchObject({
      units_last_hour: 24,
      units_last_24h: 24,
      velocity_ratio: 12,
      last_sale_at: T0 - 5 * MIN,
      figures_as_of: T0 - 5 * MIN,
    });

    // no event at all from here on: only processing time moves
    for (let minute = 1; minute <= 26 * 60; minute++) {
      clock.set(T0 + minute * MIN);
      await query.processAllAvailable();
    }
    await query.stop();
    const emitted = rows().slice(1);
    // 09:00 starts a new hour (re-confirmed, same units); the 08:20 bucket leaves at 09:20 (checked once a minute)
    expect(emitted[0]).toMatchObject({ units_last_hour: 24, units_last_24h: 24 });
    expect(Number(emitted[0]['figures_as_of'])).toBeLessThanOrEqual(T0 + MIN);
    const drop = emitted.find((r) => r['units_last_hour'] === 14);
    expect(Number(drop?.['figures_as_of'])).toBeGreaterThanOrEqual(T0 + 20 * MIN);
    expect(Number(drop?.['figures_as_of'])).toBeLessThanOrEqual(T0 + 21 * MIN);
    expect(drop).toMatchObject({ units_last_24h: 24 });
    expect(emitted.find((r) => r['units_last_hour'] === 0 && Number(r['figures_as_of']) <= T0 + 56 * MIN)).toBeDefined();
    expect(emitted.at(-1)).toMatchObject({ units_last_hour: 0, units_last_24h: 0, velocity_ratio: 0, last_sale_at: T0 - 5 * MIN });
    // at least one row an hour re-confirms the quiet SKU, and never one per check
    expect(emitted.length).toBeGreaterThanOrEqual(26);
    expect(emitted.length).toBeLessThan(40);
    for (let i = 1; i < emitted.length; i++) expect(Number(emitted[i]['figures_as_of'])).toBeGreaterThan(Number(emitted[i - 1]['figures_as_of']));
  });

  it('a late event never brings back sales that already left the window', async () => {
    const clock = new ManualClock(T0);
    const { input, query, rows } = await streamOf(['A', 'B'], clock);
    input.addData([sale('A', 9, T0 - 30 * MIN)]);
    await query.processAllAvailable();
    input.addData([sale('B', 1, T0 + 2 * H)]); // the store moves on by event time
    clock.set(T0 + 2 * MIN);
    await query.processAllAvailable();
    clock.set(T0 + 4 * MIN);
    await query.processAllAvailable(); // A's check sees the watermark: its sale left the last hour
    expect(lastPerSku(rows())[0]).toMatchObject({ sku: 'A', units_last_hour: 0 });
    input.addData([sale('A', 1, T0 - 20 * MIN, 'return')]);
    await query.processAllAvailable();
    await query.stop();
    expect(lastPerSku(rows())[0]).toMatchObject({ sku: 'A', units_last_hour: 0, units_returned: 1, on_hand: 1000 - 9 + 1 });
  });

  it('checks the quiet SKUs together: one no-data batch per check interval, not one per SKU', async () => {
    const clock = new ManualClock(T0);
    const skus = Array.from({ length: 40 }, (_, i) => `S${i}`);
    const { input, query } = await streamOf(skus, clock);
    for (const [i, sku] of skus.entries()) {
      clock.set(T0 + i * 1_500); // events arrive over a minute, each SKU arms its timeout at another time
      input.addData([sale(sku, 1, T0 + i * 1_500)]);
      await query.processAllAvailable();
    }
    let noDataBatches = 0;
    query.on('progress', (p: { isNoDataBatch: boolean }) => (noDataBatches += p.isNoDataBatch ? 1 : 0));
    for (let s = 60; s <= 11 * 60; s += 5) {
      clock.set(T0 + s * 1000);
      await query.processAllAvailable();
    }
    await query.stop();
    expect(noDataBatches).toBeGreaterThanOrEqual(9);
    expect(noDataBatches).toBeLessThanOrEqual(11);
  });

  it('ends equal to the batch query as of the newest event, however events are split and ordered', async () => {
    const skus = ['A', 'B', 'C', 'D'];
    const event = fc.record({
      sku: fc.constantFrom(...skus),
      type: fc.constantFrom('sale', 'sale', 'sale', 'return', 'restock'),
      quantity: fc.integer({ min: 1, max: 20 }),
      // 30 s to 3 min into a five-minute slot: the final check (61 s of processing time after the newest
      // event's watermark) crosses no bucket or hour boundary, so it ends exactly as of the newest event
      atMs: fc.tuple(fc.integer({ min: 0, max: 30 * 12 }), fc.integer({ min: 30_000, max: 180_000 })).map(([slot, at]) => T0 + slot * 5 * MIN + at),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 6 }), async (specs, cuts) => {
        const events = specs.map((e) => sale(e.sku, e.quantity, e.atMs, e.type));
        const newest = Math.max(...events.map((e) => e.event_time));
        const engine = createEngine();
        const expected = await liveInventory(engine.read.rows(events, SALES_EVENTS_SCHEMA), engine.read.rows(skus.map(product), INVENTORY_DIMENSION_SCHEMA), {
          asOfMs: newest,
        }).collect();

        const clock = new ManualClock(T0);
        const { input, query, rows } = await streamOf(skus, clock);
        const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const to of [...points, events.length]) {
          input.addData(events.slice(from, to));
          await query.processAllAvailable(); // processing time stands still: the clock follows the events
          from = to;
        }
        clock.advance(MIN + 1_000); // every SKU checks its figures against the final store clock
        await query.processAllAvailable();
        await query.stop();
        const figures = (r: Row) => ({ ...r, figures_as_of: undefined, event_time: undefined });
        const streamed = lastPerSku(rows());
        expect(streamed.map(figures)).toEqual(lastPerSku(expected).map(figures));
        // figures_as_of: the time they were last confirmed, within the hour before the newest event
        for (const r of streamed) expect(Number(r['figures_as_of'])).toBeGreaterThan(Math.max(newest - H, Number(r['last_event_at']) - 1));
      }),
      { numRuns: 25 },
    );
  });
});
