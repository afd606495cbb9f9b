// Test helper (not exported): a healthy SKU at 9.99 with no signal, overridable field by field.
import { HOUR_MS } from './money';
import type { PricingInputs, PriceHistoryStats, ProductPricing, SkuPricingState, VelocitySnapshot } from './pricing-inputs';

export const T0 = Date.UTC(2026, 10, 23, 12, 0);

export interface InputOverrides {
  now?: number;
  product?: Partial<ProductPricing>;
  velocity?: Partial<VelocitySnapshot>;
  state?: Partial<SkuPricingState>;
  history?: Partial<PriceHistoryStats>;
}

export function pricingInputs(o: InputOverrides = {}): PricingInputs {
  const product: ProductPricing = {
    sku: 'SKU-1',
    unitCost: 500,
    basePrice: 999,
    currentPrice: 999,
    priceFloor: null,
    priceCeiling: null,
    lowStockThreshold: 20,
    restockLeadHours: 48,
    ...o.product,
  };
  return {
    now: o.now ?? T0,
    product,
    velocity: { onHand: 100, unitsLastHour: 2, unitsLast24h: 48, baselineHourlyRate: 2, stockoutEta: null, lastSaleAt: T0 - 60_000, asOf: T0, ...o.velocity },
    state: { slowSince: null, promotion: null, surge: null, normalSince: null, ...o.state },
    history: { lastChangeAt: null, changesLast24h: 0, priceDayAgo: product.currentPrice, referencePrice: product.currentPrice, ...o.history },
  };
}

/** A surge: 10 units in the last hour on a 2/h baseline, 10 left (below the threshold of 20). */
export const SURGE: InputOverrides['velocity'] = { unitsLastHour: 10, onHand: 10, stockoutEta: T0 + 2 * HOUR_MS };
