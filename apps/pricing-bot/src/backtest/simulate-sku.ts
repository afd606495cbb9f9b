// Replays one SKU hour by hour under a simple demand response and restocking, with or without the bot.
import {
  DAY_MS,
  EMPTY_PRICING_STATE,
  evaluatePricing,
  HOUR_MS,
  priceHistoryStats,
  type PriceChangePoint,
  type PricingPolicy,
  type SkuPricingState,
} from '@shelfstream/domain';
import type { BacktestProduct } from './backtest-input';
import type { BacktestSettings } from './backtest-settings';

export interface ArmResult {
  /** Pence. */
  revenue: number;
  margin: number;
  unitsSold: number;
  lostUnits: number;
  /** Hours that ended with less than one unit on hand. */
  oosHours: number;
  decisions: number;
  changes: number;
  byRule: Record<string, number>;
  limitedBy: Record<string, number>;
  /** Per day of the replay. */
  dailyRevenue: Float64Array;
  dailyOosHours: Float64Array;
  /** Sum over hours of price / base price (divide by hours for the mean price index). */
  priceIndexSum: number;
}

export function emptyArm(days: number): ArmResult {
  return {
    revenue: 0, margin: 0, unitsSold: 0, lostUnits: 0, oosHours: 0, decisions: 0, changes: 0, byRule: {}, limitedBy: {},
    dailyRevenue: new Float64Array(days), dailyOosHours: new Float64Array(days), priceIndexSum: 0,
  };
}

export interface SkuReplay {
  readonly product: BacktestProduct;
  /** Historical units per hour index (dense). */
  readonly demand: Float64Array;
  readonly startHour: number;
}

const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);

/** Replays the SKU, adding into `into`; `policy` null is the static-price arm. */
export function simulateSku(replay: SkuReplay, policy: PricingPolicy | null, settings: BacktestSettings, into: ArmResult): void {
  const { product, demand, startHour } = replay;
  const hours = demand.length;
  const avgHourly = demand.reduce((a, b) => a + b, 0) / hours;
  const orderQty = Math.max(product.lowStockThreshold, Math.ceil(avgHourly * 24 * settings.coverDays));
  const sold = new Float64Array(hours);
  let onHand = orderQty;
  let arrivesAt = -1; // hour index of the pending delivery, -1 when none
  let price = product.basePrice;
  let state: SkuPricingState = EMPTY_PRICING_STATE;
  let changes: PriceChangePoint[] = [];
  let baseline = 0;
  let last24 = 0;
  const warmup = settings.warmupDays * 24;

  for (let h = 0; h < hours; h++) {
    const now = startHour + h * HOUR_MS;
    if (h === arrivesAt) {
      onHand += orderQty;
      arrivesAt = -1;
    }
    if (h % 24 === 0 && h > 0) {
      const from = Math.max(0, h - settings.baselineDays * 24);
      let units = 0;
      for (let i = from; i < h; i++) units += sold[i] ?? 0;
      baseline = units / (h - from);
    }
    const soldLastHour = h > 0 ? (sold[h - 1] ?? 0) : 0;
    const triggered = soldLastHour > 0 || h % settings.sweepHours === 0;
    if (policy && h >= warmup && triggered) {
      const rate24 = last24 / 24;
      changes = changes.filter((c) => c.at > now - policy.referenceWindowDays * DAY_MS);
      const { decision, nextState } = evaluatePricing(
        {
          now,
          product: { ...product, currentPrice: price },
          velocity: {
            onHand: Math.floor(onHand), unitsLastHour: Math.round(soldLastHour), unitsLast24h: Math.round(last24),
            baselineHourlyRate: baseline, stockoutEta: rate24 > 0 ? now + (onHand / rate24) * HOUR_MS : null,
          },
          state,
          history: priceHistoryStats(changes, price, now, policy.referenceWindowDays),
        },
        policy,
      );
      state = nextState;
      if (decision) {
        into.decisions++;
        if (decision.limitedBy) bump(into.limitedBy, decision.limitedBy);
        if (decision.outcome === 'applied') {
          changes.push({ at: now, oldPrice: price, newPrice: decision.newPrice });
          price = decision.newPrice;
          into.changes++;
          bump(into.byRule, decision.rule);
        }
      }
    }

    const wanted = (demand[h] ?? 0) * Math.pow(price / product.basePrice, -settings.elasticity);
    const units = Math.min(wanted, Math.max(0, onHand));
    sold[h] = units;
    onHand -= units;
    last24 += units - (h >= 24 ? (sold[h - 24] ?? 0) : 0);
    const day = Math.floor(h / 24);
    into.revenue += units * price;
    into.margin += units * (price - product.unitCost);
    into.unitsSold += units;
    into.lostUnits += wanted - units;
    into.priceIndexSum += price / product.basePrice;
    into.dailyRevenue[day] = (into.dailyRevenue[day] ?? 0) + units * price;
    if (onHand < 1) {
      into.oosHours++;
      into.dailyOosHours[day] = (into.dailyOosHours[day] ?? 0) + 1;
    }
    if (arrivesAt < 0 && onHand <= product.lowStockThreshold) arrivesAt = h + Math.max(1, product.restockLeadHours);
  }
}
