import { describe, expect, it } from 'vitest';
import { stockDelta } from '../events/sales-event';
import { validateSalesRecord } from '../events/sales-event-validation';
import { demandFactor } from './demand-cycles';
import { generateSales, initialSimulatorState, type SimProduct, type SimulatorConfig } from './sales-simulator';

const products: SimProduct[] = Array.from({ length: 50 }, (_, i) => ({
  sku: `SKU${String(i).padStart(3, '0')}`,
  price: 1 + i / 10,
  stock: 1_000_000,
  lowStockThreshold: 10,
}));
const WED_NOON = Date.UTC(2026, 10, 18, 12);
const MIN = 60_000;

function run(config: SimulatorConfig, fromMs: number, spanMs: number, stepMs = 10_000) {
  let state = initialSimulatorState(config, fromMs);
  const records = [];
  for (let t = fromMs; t < fromMs + spanMs; t += stepMs) {
    const out = generateSales(config, state, t, t + stepMs);
    records.push(...out.records);
    state = out.state;
  }
  return { records, state };
}

describe('generateSales', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const config = { seed: 7, products, ratePerSecond: 50 };
    const a = run(config, WED_NOON, 5 * MIN).records.map((r) => r.value);
    expect(run(config, WED_NOON, 5 * MIN).records.map((r) => r.value)).toEqual(a);
    expect(run({ ...config, seed: 8 }, WED_NOON, 5 * MIN).records.map((r) => r.value)).not.toEqual(a);
  });

  it('hits the mean rate with a flat profile, in time order', () => {
    const { records } = run({ seed: 1, products, ratePerSecond: 1000, cycles: false, returnShare: 0 }, WED_NOON, MIN);
    expect(records.length).toBeGreaterThan(60_000 * 0.97);
    expect(records.length).toBeLessThan(60_000 * 1.03);
    for (let i = 1; i < records.length; i++) expect(records[i].eventTimeMs).toBeGreaterThanOrEqual(records[i - 1].eventTimeMs);
  });

  it('follows the daily and weekly cycle', () => {
    const config = { seed: 2, products, ratePerSecond: 100 };
    const at = (ms: number) => run(config, ms, 10 * MIN).records.length;
    expect(at(WED_NOON)).toBeGreaterThan(3 * at(WED_NOON - 9 * 3_600_000));
    expect(at(WED_NOON)).toBeGreaterThan(2 * at(WED_NOON + 3 * 86_400_000)); // Saturday noon
    let sum = 0;
    for (let h = 0; h < 24 * 7; h++) sum += demandFactor(WED_NOON + h * 3_600_000);
    expect(sum / (24 * 7)).toBeCloseTo(1, 5);
  });

  it('has long-tail popularity', () => {
    const { records } = run({ seed: 3, products, ratePerSecond: 500, cycles: false, meanMsBetweenSpikes: 1e12 }, WED_NOON, MIN);
    const counts = new Map<string, number>();
    for (const r of records) counts.set(r.key, (counts.get(r.key) ?? 0) + 1);
    const top = counts.get('SKU000') ?? 0;
    expect(top).toBeGreaterThan(5 * (counts.get('SKU020') ?? 0));
    expect(top / records.length).toBeGreaterThan(0.15);
  });

  it('spikes a few SKUs well above their usual share', () => {
    const config = { seed: 4, products, ratePerSecond: 200, cycles: false, meanMsBetweenSpikes: MIN, spikeShare: 0.5, spikeDurationMs: 30 * MIN };
    const { records, state } = run(config, WED_NOON, 5 * MIN);
    expect(state.spikes.length).toBeGreaterThan(0);
    const spiking = products[state.spikes[0].product].sku;
    const share = records.filter((r) => r.key === spiking).length / records.length;
    const zipf = 1 / Math.pow(state.spikes[0].product + 1, 1.1) / products.reduce((s, _, i) => s + 1 / Math.pow(i + 1, 1.1), 0);
    expect(share).toBeGreaterThan(zipf + 0.1);
  });

  it('restocks when stock runs low and never sells below zero', () => {
    const small = products.map((p) => ({ ...p, stock: 30, lowStockThreshold: 10 }));
    const { records } = run({ seed: 5, products: small, ratePerSecond: 100, cycles: false, restockDelayMs: 20_000 }, WED_NOON, 5 * MIN);
    const stock = new Map(small.map((p) => [p.sku, p.stock]));
    let restocks = 0;
    for (const { event } of records) {
      if (!event) continue;
      if (event.type === 'restock') restocks++;
      stock.set(event.sku, (stock.get(event.sku) ?? 0) + stockDelta(event.type, event.quantity));
      expect(stock.get(event.sku)).toBeGreaterThanOrEqual(0);
    }
    expect(restocks).toBeGreaterThan(0);
  });

  it('emits returns at the configured share', () => {
    const { records } = run({ seed: 6, products, ratePerSecond: 500, cycles: false, returnShare: 0.05 }, WED_NOON, MIN);
    const share = records.filter((r) => r.event?.type === 'return').length / records.length;
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.06);
  });

  it('malformed records fail validation; every other record passes', () => {
    const known = new Set(products.map((p) => p.sku));
    const { records } = run({ seed: 9, products, ratePerSecond: 200, cycles: false, malformedShare: 0.1 }, WED_NOON, MIN);
    const codes = new Set<string>();
    for (const record of records) {
      const result = validateSalesRecord(record.value, { knownSkus: known });
      expect(result.ok).toBe(record.event !== undefined);
      if (!result.ok) codes.add(result.code);
    }
    expect(codes.size).toBe(8);
    const bad = records.filter((r) => !r.event).length / records.length;
    expect(bad).toBeGreaterThan(0.08);
    expect(bad).toBeLessThan(0.12);
  });
});
