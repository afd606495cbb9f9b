import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS } from './money';
import { lowestPriceInWindow, priceHistoryStats } from './price-history';

const now = Date.UTC(2026, 10, 23);
const changes = [
  { at: now - 40 * DAY_MS, oldPrice: 1299, newPrice: 799 }, // before the window: 7.99 was in effect at its start
  { at: now - 10 * DAY_MS, oldPrice: 799, newPrice: 999 },
  { at: now - 2 * HOUR_MS, oldPrice: 999, newPrice: 1049 },
];

describe('lowestPriceInWindow', () => {
  it('counts the price in effect at the window start', () => {
    expect(lowestPriceInWindow(changes, 1049, now, 30)).toBe(799);
  });
  it('forgets prices that ended before the window', () => {
    expect(lowestPriceInWindow(changes, 1049, now, 5)).toBe(999);
  });
  it('is the current price without changes', () => {
    expect(lowestPriceInWindow([], 1049, now, 30)).toBe(1049);
  });
});

describe('priceHistoryStats', () => {
  it('derives the guardrail facts', () => {
    expect(priceHistoryStats(changes, 1049, now, 30)).toEqual({
      lastChangeAt: now - 2 * HOUR_MS,
      changesLast24h: 1,
      priceDayAgo: 999,
      referencePrice: 799,
    });
  });
});
