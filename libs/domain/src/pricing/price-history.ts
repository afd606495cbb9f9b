// Facts derived from a SKU's applied price changes: the guardrails' history and the EU reference price.
import { DAY_MS, type Pence } from './money';
import type { PriceHistoryStats } from './pricing-inputs';

export interface PriceChangePoint {
  /** When the change took effect (epoch ms). */
  readonly at: number;
  readonly oldPrice: Pence;
  readonly newPrice: Pence;
}

/** Changes with at in (from, to], oldest first. */
function changesBetween(changes: readonly PriceChangePoint[], from: number, to: number): PriceChangePoint[] {
  return changes.filter((c) => c.at > from && c.at <= to).sort((a, b) => a.at - b.at);
}

/** The price in effect at `t`, given the current price and the changes after `t`. */
export function priceAt(changes: readonly PriceChangePoint[], currentPrice: Pence, t: number, now: number): Pence {
  const [first] = changesBetween(changes, t, now);
  return first ? first.oldPrice : currentPrice;
}

/**
 * Lowest price in effect during [now − days, now]: the price at the window start and every new price
 * since (EU Omnibus-style reference shown next to a discount).
 */
export function lowestPriceInWindow(changes: readonly PriceChangePoint[], currentPrice: Pence, now: number, days: number): Pence {
  const start = now - days * DAY_MS;
  let lowest = Math.min(currentPrice, priceAt(changes, currentPrice, start, now));
  for (const c of changesBetween(changes, start, now)) lowest = Math.min(lowest, c.newPrice);
  return lowest;
}

/** Builds the guardrails' view of history from the SKU's changes (at least the last `referenceDays`). */
export function priceHistoryStats(changes: readonly PriceChangePoint[], currentPrice: Pence, now: number, referenceDays: number): PriceHistoryStats {
  const lastDay = changesBetween(changes, now - DAY_MS, now);
  const [firstToday] = lastDay;
  const lastChangeAt = changes.reduce<number | null>((m, c) => (c.at <= now && (m === null || c.at > m) ? c.at : m), null);
  return {
    lastChangeAt,
    changesLast24h: lastDay.length,
    priceDayAgo: firstToday ? firstToday.oldPrice : currentPrice,
    referencePrice: lowestPriceInWindow(changes, currentPrice, now, referenceDays),
  };
}
