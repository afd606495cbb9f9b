// The retail queries on the engine, in memory: batch results, and the same query as a stream
// (several micro-batches) ends with the same tables.
import { createEngine, type DataFrame, type Row } from '@shelfstream/engine';
import { describe, expect, it } from 'vitest';
import { baselineRange, salesBaseline } from './baseline-query';
import { INVENTORY_DIMENSION_SCHEMA, liveInventory } from './inventory-query';
import { SALES_EVENTS_SCHEMA, typedSalesEvents } from './sales-events-frame';
import { salesVelocity, VELOCITY_1H, VELOCITY_24H } from './velocity-query';
import { salesHistory } from './sales-history-query';
import { type SalesEventType, stockDelta } from '../events/sales-event';

const T0 = Date.UTC(2011, 11, 5, 9, 0);
const MIN = 60_000;
let seq = 0;
const ev = (type: string, sku: string, quantity: number, minute: number, price = 2) => ({
  event_id: `e${++seq}`,
  type,
  sku,
  store: 'united-kingdom',
  quantity,
  unit_price: price,
  currency: 'GBP',
  event_time: new Date(T0 + minute * MIN).toISOString(),
});
const events = [
  ev('sale', 'A', 3, 0),
  ev('sale', 'A', 2, 7, 2.5),
  ev('sale', 'B', 10, 12),
  ev('return', 'A', 1, 20),
  ev('restock', 'B', 50, 30, 0),
  ev('adjustment', 'B', -4, 31, 0),
  ev('sale', 'A', 5, 64),
  ev('sale', 'C', 1, 65), // C is not in the catalog: dropped by the join
];
const dimension = [
  {
    sku: 'A',
    name: 'Alpha',
    category: 'home decor',
    initial_stock: 100,
    low_stock_threshold: 5,
    restock_lead_hours: 48,
    current_price: 2,
    baseline_hourly_rate: 2,
  },
  {
    sku: 'B',
    name: 'Beta',
    category: 'bags',
    initial_stock: 20,
    low_stock_threshold: 30,
    restock_lead_hours: 48,
    current_price: 3,
    baseline_hourly_rate: null,
  },
];

const byKey = (rows: Row[], ...keys: string[]) => [...rows].sort((a, b) => keys.map((k) => String(a[k]).localeCompare(String(b[k]))).find((c) => c !== 0) ?? 0);

describe('retail queries (batch)', () => {
  const engine = createEngine();
  const raw = engine.read.rows(
    events.map((e) => ({ ...e })),
    { ...SALES_EVENTS_SCHEMA, fields: SALES_EVENTS_SCHEMA.fields.map((f) => (f.name === 'event_time' ? { ...f, type: 'string' as const } : f)) },
  );
  const typed: DataFrame = typedSalesEvents(raw);
  const dim = engine.read.rows(dimension, INVENTORY_DIMENSION_SCHEMA);

  it('live inventory: initial + restocks + returns − sales + adjustments, joined with products', async () => {
    const rows = byKey(await liveInventory(typed, dim).collect(), 'sku');
    expect(
      rows.map((r) => [r['sku'], r['name'], r['on_hand'], r['units_sold'], r['units_returned'], r['units_restocked'], r['units_adjusted'], r['low_stock']]),
    ).toEqual([
      ['A', 'Alpha', 100 - 3 - 2 + 1 - 5, 10, 1, 0, 0, false],
      ['B', 'Beta', 20 - 10 + 50 - 4, 10, 0, 50, -4, false],
    ]);
    expect(rows[0]['last_event_at']).toBe(T0 + 64 * MIN);
    expect(rows[0]['units_last_hour']).toBe(2 + 5); // buckets [09:05, 10:05)
    expect(rows[0]['velocity_ratio']).toBe(7 / 2);
    expect(rows[1]['forecast_24h']).toBeNull();
    expect(rows[1]['baseline_hourly_rate']).toBe(0);
  });

  it('velocity: 1-hour windows sliding every 5 minutes count sales only', async () => {
    const rows = await salesVelocity(typed, VELOCITY_1H).collect();
    const a = rows.filter((r) => r['sku'] === 'A');
    const at = (minute: number) => a.find((r) => r['window_start'] === T0 + minute * MIN);
    // window [08:05, 09:05) holds the 09:00 sale only; [09:00, 10:00) holds 09:00 and 09:07
    expect(at(-55)).toMatchObject({ window_kind: '1h', window_end: T0 + 5 * MIN, units: 3, revenue: 6, orders: 1 });
    expect(at(0)).toMatchObject({ units: 5, revenue: 11, orders: 2 });
    expect(at(5)).toMatchObject({ units: 7, orders: 2 }); // 09:07 and 10:04
    expect(a.length).toBe(12 + 12 - 1 + 1); // 09:00 and 09:07 share 11 windows, 10:04 has 12 with one shared
    expect(rows.some((r) => r['sku'] === 'B' && r['units'] === 10)).toBe(true);
  });

  it('baseline: usual hourly rate over whole days, via the velocity query', async () => {
    const rows = byKey(await salesBaseline(typed, { fromMs: Date.UTC(2011, 11, 5), toMs: Date.UTC(2011, 11, 7) }).collect(), 'sku');
    expect(rows.map((r) => [r['sku'], r['daily_units'], r['hourly_rate'], r['days']])).toEqual([
      ['A', 5, 10 / 48, 2],
      ['B', 5, 10 / 48, 2],
      ['C', 0.5, 1 / 48, 2],
    ]);
  });
});

describe('the same queries as a stream', () => {
  it('end with the batch tables however the events are split into micro-batches', async () => {
    const engine = createEngine();
    const dim = engine.read.rows(dimension, INVENTORY_DIMENSION_SCHEMA);
    const batch = async (df: DataFrame) => df.collect();
    const expectedInventory = byKey(
      await batch(
        liveInventory(
          engine.read.rows(
            events.map((e) => ({ ...e, event_time: Date.parse(e.event_time) })),
            SALES_EVENTS_SCHEMA,
          ),
          dim,
        ),
      ),
      'sku',
    );
    const expectedVelocity = byKey(
      await batch(
        salesVelocity(
          engine.read.rows(
            events.map((e) => ({ ...e, event_time: Date.parse(e.event_time) })),
            SALES_EVENTS_SCHEMA,
          ),
          VELOCITY_24H,
        ),
      ),
      'sku',
      'window_start',
    );

    const input = engine.readStream.memory(SALES_EVENTS_SCHEMA);
    const inventory = await liveInventory(input.toDF(), dim).writeStream.outputMode('update').format('memory').queryName('inv').start();
    const velocity = await salesVelocity(input.toDF(), VELOCITY_24H).writeStream.outputMode('update').format('memory').queryName('vel').start();
    for (const cut of [
      [0, 3],
      [3, 4],
      [4, 8],
    ]) {
      input.addData(events.slice(cut[0], cut[1]).map((e) => ({ ...e, event_time: Date.parse(e.event_time) })));
      await inventory.processAllAvailable();
      await velocity.processAllAvailable();
    }
    await inventory.stop();
    await velocity.stop();
    const last = (rows: Row[], ...keys: string[]) => byKey([...new Map(rows.map((r) => [keys.map((k) => r[k]).join('|'), r])).values()], ...keys);
    expect(last(engine.table('inv'), 'sku')).toEqual(expectedInventory);
    expect(last(engine.table('vel'), 'sku', 'window_start')).toEqual(expectedVelocity);
  });
});

describe('baselineRange', () => {
  it('takes the last N whole days, clamped to the history start', () => {
    const day = 86_400_000;
    expect(baselineRange(Date.UTC(2011, 0, 1, 9), Date.UTC(2011, 11, 9, 12), 28)).toEqual({
      fromMs: Date.UTC(2011, 11, 10) - 28 * day,
      toMs: Date.UTC(2011, 11, 10),
    });
    expect(baselineRange(Date.UTC(2011, 11, 1, 9), Date.UTC(2011, 11, 9, 12), 28)).toEqual({ fromMs: Date.UTC(2011, 11, 1), toMs: Date.UTC(2011, 11, 10) });
  });
});

describe('salesHistory', () => {
  it('keeps every event with the stock effect of stockDelta', async () => {
    const engine = createEngine();
    const rows = await salesHistory(
      engine.read.rows(
        events.map((e) => ({ ...e, event_time: Date.parse(e.event_time) })),
        SALES_EVENTS_SCHEMA,
      ),
    ).collect();
    expect(rows).toHaveLength(events.length);
    for (const [i, e] of events.entries()) {
      expect(rows[i]).toMatchObject({
        event_id: e.event_id,
        sku: e.sku,
        event_time: Date.parse(e.event_time),
        stock_delta: stockDelta(e.type as SalesEventType, e.quantity),
      });
    }
  });
});
