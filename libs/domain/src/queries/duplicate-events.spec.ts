// A duplicated event_id counts once in every table, in batch and in a stream; a late event still
// counts in stock (inventory keeps late rows), and only velocity drops it, as late for its windows.
import { createEngine, type DataFrame, type Row } from '@shelfstream/engine';
import { describe, expect, it } from 'vitest';
import { salesBaseline } from './baseline-query';
import { INVENTORY_DIMENSION_SCHEMA, liveInventory } from './inventory-query';
import { SALES_EVENTS_SCHEMA } from './sales-events-frame';
import { salesVelocity, VELOCITY_1H } from './velocity-query';

const T0 = Date.UTC(2026, 2, 2, 9, 0);
const MIN = 60_000;
const ev = (id: string, type: string, sku: string, quantity: number, minute: number) => ({
  event_id: id,
  type,
  sku,
  store: 'united-kingdom',
  quantity,
  unit_price: 2,
  currency: 'GBP',
  event_time: T0 + minute * MIN,
});
const EVENTS = [
  ev('e1', 'sale', 'A', 3, 0),
  ev('e2', 'sale', 'A', 2, 7),
  ev('e3', 'restock', 'B', 50, 12),
  ev('e4', 'sale', 'B', 4, 30),
  ev('e5', 'sale', 'A', 1, 64),
];
// copies: the same event again, and one with another payload (the first copy of an id wins)
const COPIES = [EVENTS[0], EVENTS[3], { ...EVENTS[1], quantity: 99 }, EVENTS[4]];
const DIMENSION = [
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
  { sku: 'B', name: 'Beta', category: 'bags', initial_stock: 20, low_stock_threshold: 3, restock_lead_hours: 48, current_price: 3, baseline_hourly_rate: 1 },
];

const sorted = (rows: Row[], ...keys: string[]) =>
  [...rows].sort((a, b) => keys.map((k) => String(a[k]).localeCompare(String(b[k]))).find((c) => c !== 0) ?? 0);
const lastPer = (rows: Row[], ...keys: string[]) => sorted([...new Map(rows.map((r) => [keys.map((k) => r[k]).join('|'), r])).values()], ...keys);

describe('duplicated event ids', () => {
  const engine = createEngine();
  const dim = engine.read.rows(DIMENSION, INVENTORY_DIMENSION_SCHEMA);
  const frame = (rows: Row[]): DataFrame => engine.read.rows(rows, SALES_EVENTS_SCHEMA);

  it('count once in inventory, velocity and baseline (batch)', async () => {
    const once = frame(EVENTS);
    const twice = frame([...EVENTS.slice(0, 2), COPIES[0], ...EVENTS.slice(2), ...COPIES]);
    expect(sorted(await liveInventory(twice, dim).collect(), 'sku')).toEqual(sorted(await liveInventory(once, dim).collect(), 'sku'));
    expect(sorted(await salesVelocity(twice, VELOCITY_1H).collect(), 'sku', 'window_start')).toEqual(
      sorted(await salesVelocity(once, VELOCITY_1H).collect(), 'sku', 'window_start'),
    );
    const range = { fromMs: Date.UTC(2026, 2, 2), toMs: Date.UTC(2026, 2, 3) };
    expect(sorted(await salesBaseline(twice, range).collect(), 'sku')).toEqual(sorted(await salesBaseline(once, range).collect(), 'sku'));
    const a = (await liveInventory(twice, dim).collect()).find((r) => r['sku'] === 'A')!;
    expect([a['on_hand'], a['units_sold']]).toEqual([100 - 3 - 2 - 1, 6]);
  });

  it('count once in a stream whose copies arrive in later micro-batches', async () => {
    const input = engine.readStream.memory(SALES_EVENTS_SCHEMA);
    const inventory = await liveInventory(input.toDF(), dim).writeStream.outputMode('update').format('memory').queryName('inv').start();
    const velocity = await salesVelocity(input.toDF(), VELOCITY_1H).writeStream.outputMode('update').format('memory').queryName('vel').start();
    for (const rows of [EVENTS.slice(0, 3), [COPIES[0], COPIES[2], ...EVENTS.slice(3)], [COPIES[1], COPIES[3]]]) {
      input.addData(rows);
      await inventory.processAllAvailable();
      await velocity.processAllAvailable();
    }
    await inventory.stop();
    await velocity.stop();
    expect(lastPer(engine.table('inv'), 'sku')).toEqual(sorted(await liveInventory(frame(EVENTS), dim).collect(), 'sku'));
    expect(lastPer(engine.table('vel'), 'sku', 'window_start')).toEqual(
      sorted(await salesVelocity(frame(EVENTS), VELOCITY_1H).collect(), 'sku', 'window_start'),
    );
    expect(inventory.lastProgress!.stateOperators.map((op) => op.operatorName)).toEqual(['dedupeWithinWatermark', 'flatMapGroupsWithState']);
  });

  it('a sale far behind the stream still counts in stock (kept, not deduplicated), and is late for velocity', async () => {
    const input = engine.readStream.memory(SALES_EVENTS_SCHEMA);
    const inventory = await liveInventory(input.toDF(), dim).writeStream.outputMode('update').format('memory').queryName('inv-late').start();
    const velocity = await salesVelocity(input.toDF(), VELOCITY_1H).writeStream.outputMode('update').format('memory').queryName('vel-late').start();
    const late = ev('old', 'sale', 'A', 7, -180); // 3 hours before the first event, 4 behind the newest
    for (const rows of [EVENTS, [ev('e6', 'sale', 'B', 1, 65)], [late]]) {
      input.addData(rows);
      await inventory.processAllAvailable();
      await velocity.processAllAvailable();
    }
    await inventory.stop();
    await velocity.stop();
    const a = lastPer(engine.table('inv-late'), 'sku').find((r) => r['sku'] === 'A')!;
    expect([a['on_hand'], a['units_sold']]).toEqual([100 - 6 - 7, 13]);
    expect(inventory.lastProgress!.stateOperators[0].customMetrics).toEqual({ numLateRowsKept: 1 });
    expect(engine.table('vel-late').some((r) => Number(r['window_start']) < T0 - 60 * MIN)).toBe(false);
  });
});
