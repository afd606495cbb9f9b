import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SALES_EVENT_TYPES } from '../events/sales-event';
import { applyInventoryEvents, emptyInventoryState, inventoryFigures, nextFiguresChange, type InventoryInput, type InventoryProduct } from './inventory-state';

const product: InventoryProduct = { initialStock: 500, lowStockThreshold: 50, restockLeadHours: 48, baselineHourlyRate: 4 };
const T0 = Date.UTC(2011, 11, 5, 0);
const H = 3_600_000;
const sale = (q: number, t: number): InventoryInput => ({ type: 'sale', quantity: q, eventTimeMs: t });

describe('applyInventoryEvents', () => {
  it('on hand = initial + restocks + returns − sales + adjustments', () => {
    const s = applyInventoryEvents(emptyInventoryState(product), [
      sale(10, T0),
      { type: 'return', quantity: 2, eventTimeMs: T0 + 1 },
      { type: 'restock', quantity: 100, eventTimeMs: T0 + 2 },
      { type: 'adjustment', quantity: -7, eventTimeMs: T0 + 3 },
    ]);
    expect(s).toMatchObject({ onHand: 500 - 10 + 2 + 100 - 7, unitsSold: 10, unitsReturned: 2, unitsRestocked: 100, unitsAdjusted: -7, lastEventMs: T0 + 3 });
  });

  it('does not depend on event order or on how events are split into batches', () => {
    const event = fc.record({
      type: fc.constantFrom(...SALES_EVENT_TYPES),
      quantity: fc.integer({ min: 1, max: 50 }),
      eventTimeMs: fc.integer({ min: T0, max: T0 + 10 * 24 * H }),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 120 }), fc.array(fc.nat(), { maxLength: 10 }), fc.integer(), (events, cuts, seed) => {
        const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs);
        const whole = applyInventoryEvents(emptyInventoryState(product), sorted);
        // shuffle deterministically, then cut into batches
        const shuffled = events
          .map((e, i) => ({ e, k: Math.imul(i + 1, seed | 1) >>> 0 }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.e);
        const points = [...new Set(cuts.map((c) => c % (shuffled.length + 1)))].sort((a, b) => a - b);
        let state = emptyInventoryState(product);
        let from = 0;
        for (const to of [...points, shuffled.length]) {
          state = applyInventoryEvents(state, shuffled.slice(from, to));
          from = to;
        }
        expect(state).toEqual(whole);
        expect(inventoryFigures(state, product)).toEqual(inventoryFigures(whole, product));
      }),
      { numRuns: 150 },
    );
  });
});

describe('inventoryFigures', () => {
  it('counts the last hour and the last 24 hours relative to the last event', () => {
    const s = applyInventoryEvents(emptyInventoryState(product), [
      sale(1, T0),
      sale(2, T0 + 20 * H),
      sale(3, T0 + 23 * H + 10 * 60_000),
      sale(4, T0 + 23 * H + 50 * 60_000),
    ]);
    const f = inventoryFigures(s, product);
    expect(f.unitsLastHour).toBe(3 + 4);
    expect(f.unitsLast24h).toBe(1 + 2 + 3 + 4);
    expect(f.velocityRatio).toBe(7 / 4);
  });

  it('uses the baseline until two days of hours exist, then Holt-Winters', () => {
    const early = inventoryFigures(applyInventoryEvents(emptyInventoryState(product), [sale(5, T0)]), product);
    expect(early.forecast24h).toBe(96);
    expect(early.stockoutEtaMs).toBe(T0 + H + (495 / 4) * H);

    const steady = Array.from({ length: 24 * 4 }, (_, h) => sale(h % 24 >= 8 && h % 24 < 18 ? 6 : 1, T0 + h * H + 60_000));
    const f = inventoryFigures(applyInventoryEvents(emptyInventoryState({ ...product, initialStock: 10_000 }), steady), product);
    // 10 hours at 6 and 14 at 1 per day
    expect(f.forecast24h).toBeGreaterThan(70);
    expect(f.forecast24h).toBeLessThan(78);
    expect(f.lowStock).toBe(false);
    expect(f.reorderSuggestion).toBe(0);
  });

  it('flags low stock and suggests a reorder; no baseline and no history gives no forecast', () => {
    const s = applyInventoryEvents(emptyInventoryState(product), [sale(460, T0)]);
    const f = inventoryFigures(s, product);
    expect(f.lowStock).toBe(true);
    expect(f.reorderSuggestion).toBe(Math.ceil(4 * (48 + 168) + 50 - 40));
    const none = inventoryFigures(s, { ...product, baselineHourlyRate: null });
    expect(none).toMatchObject({ forecast24h: null, stockoutEtaMs: null, reorderSuggestion: null, velocityRatio: null });
  });
});

describe('inventoryFigures as of a later time (decay)', () => {
  const burst = applyInventoryEvents(emptyInventoryState(product), [sale(10, T0 + 10 * 60_000), sale(14, T0 + 40 * 60_000)]);

  it('lets sales leave the last hour and the last 24 h as time passes without sales', () => {
    expect(inventoryFigures(burst, product, T0 + 50 * 60_000)).toMatchObject({ unitsLastHour: 24, unitsLast24h: 24, velocityRatio: 6 });
    expect(inventoryFigures(burst, product, T0 + 75 * 60_000)).toMatchObject({ unitsLastHour: 14, unitsLast24h: 24 }); // 00:10 left at 01:10
    expect(inventoryFigures(burst, product, T0 + 2 * H)).toMatchObject({ unitsLastHour: 0, unitsLast24h: 24, velocityRatio: 0 });
    expect(inventoryFigures(burst, product, T0 + 24 * H)).toMatchObject({ unitsLastHour: 0, unitsLast24h: 0 });
  });

  it('never computes figures before the last event, and the next change is the next bucket leaving or hour', () => {
    expect(inventoryFigures(burst, product, T0)).toEqual(inventoryFigures(burst, product));
    expect(nextFiguresChange(burst, T0 + 50 * 60_000)).toBe(T0 + H); // next whole hour comes first
    expect(nextFiguresChange(burst, T0 + H)).toBe(T0 + 70 * 60_000); // then the 00:10 bucket leaves
    expect(nextFiguresChange(burst, T0 + 75 * 60_000)).toBe(T0 + 100 * 60_000);
    // between two changes the figures stay the same
    const at = (m: number) => inventoryFigures(burst, product, T0 + m * 60_000);
    expect(at(101)).toEqual(at(119));
  });

  it('forecasts from zero hours after the SKU stops selling, and falls back to the baseline after a silent week', () => {
    const steady = Array.from({ length: 24 * 3 }, (_, h) => sale(5, T0 + h * H + 60_000));
    const s = applyInventoryEvents(emptyInventoryState({ ...product, initialStock: 10_000 }), steady);
    const selling = inventoryFigures(s, product).forecast24h ?? 0;
    const silentDay = inventoryFigures(s, product, T0 + 4 * 24 * H).forecast24h ?? 0;
    expect(selling).toBeGreaterThan(100);
    expect(silentDay).toBeLessThan(selling / 2);
    expect(inventoryFigures(s, product, T0 + 12 * 24 * H).forecast24h).toBe(96);
  });
});
