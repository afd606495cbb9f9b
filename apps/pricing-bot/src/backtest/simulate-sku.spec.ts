import { DEFAULT_PRICING_POLICY, HOUR_MS } from '@shelfstream/domain';
import { describe, expect, it } from 'vitest';
import type { BacktestProduct } from './backtest-input';
import { DEFAULT_BACKTEST_SETTINGS } from './backtest-settings';
import { emptyArm, simulateSku } from './simulate-sku';

const product: BacktestProduct = { sku: 'S', unitCost: 500, basePrice: 999, priceFloor: 600, priceCeiling: 1499, lowStockThreshold: 120, restockLeadHours: 48 };
const start = Date.UTC(2011, 0, 3);
const days = 30;
const settings = { ...DEFAULT_BACKTEST_SETTINGS, warmupDays: 7 };
const policy = { ...DEFAULT_PRICING_POLICY, pricePointEndings: [9, 19, 29, 39, 49, 59, 69, 79, 89, 99] };

/** 2 units every hour, plus a burst of 200 units/h for three hours on day 20. */
function demand(): Float64Array {
  const d = new Float64Array(days * 24).fill(2);
  for (let h = 20 * 24 + 10; h < 20 * 24 + 13; h++) d[h] = 200;
  return d;
}

describe('simulateSku', () => {
  it('static prices: revenue and margin are units times the base price and margin (restocked in time)', () => {
    const arm = emptyArm(days);
    simulateSku({ product, demand: new Float64Array(days * 24).fill(1), startHour: start }, null, settings, arm);
    expect(arm.unitsSold).toBe(days * 24);
    expect(arm.revenue).toBe(days * 24 * 999);
    expect(arm.margin).toBe(days * 24 * 499);
    expect(arm.oosHours).toBe(0);
    expect(arm.changes).toBe(0);
  });

  it('the bot with the kill switch on replays exactly like static prices', () => {
    const fixed = emptyArm(days);
    const killed = emptyArm(days);
    simulateSku({ product, demand: demand(), startHour: start }, null, settings, fixed);
    simulateSku({ product, demand: demand(), startHour: start }, { ...policy, killSwitch: true }, settings, killed);
    expect(killed.changes).toBe(0);
    expect(killed.limitedBy['kill-switch']).toBeGreaterThan(0);
    expect({ ...killed, decisions: 0, limitedBy: {} }).toEqual({ ...fixed, decisions: 0, limitedBy: {} });
  });

  it('a burst that drains the stock makes the bot raise the price, which damps demand', () => {
    const fixed = emptyArm(days);
    const bot = emptyArm(days);
    simulateSku({ product, demand: demand(), startHour: start }, null, settings, fixed);
    simulateSku({ product, demand: demand(), startHour: start }, policy, settings, bot);
    expect(bot.byRule['surge']).toBeGreaterThanOrEqual(1);
    expect(bot.priceIndexSum).toBeGreaterThan(fixed.priceIndexSum);
    expect(bot.unitsSold).toBeLessThan(fixed.unitsSold);
    expect(bot.dailyRevenue.length).toBe(days);
    expect(start % HOUR_MS).toBe(0);
  });
});
