// What one pricing evaluation of a SKU looks at: the product, its live velocity, its recent price history.
import type { Pence } from './money';

export interface ProductPricing {
  readonly sku: string;
  readonly unitCost: Pence;
  readonly basePrice: Pence;
  readonly currentPrice: Pence;
  readonly priceFloor: Pence | null;
  readonly priceCeiling: Pence | null;
  readonly lowStockThreshold: number;
  readonly restockLeadHours: number;
}

export interface VelocitySnapshot {
  readonly onHand: number;
  readonly unitsLastHour: number;
  readonly unitsLast24h: number;
  readonly baselineHourlyRate: number;
  /** Expected stock-out time (epoch ms), null when not selling. */
  readonly stockoutEta: number | null;
}

/** An active promotion: the price to go back to and when. */
export interface ActivePromotion {
  readonly regularPrice: Pence;
  readonly startedAt: number;
  readonly expiresAt: number;
}

/** Per-SKU memory the bot carries between evaluations. */
export interface SkuPricingState {
  /** Start of the current uninterrupted slow-velocity streak (epoch ms), null when not slow. */
  readonly slowSince: number | null;
  readonly promotion: ActivePromotion | null;
}

export const EMPTY_PRICING_STATE: SkuPricingState = Object.freeze({ slowSince: null, promotion: null });

/** Facts about recent applied changes that the guardrails need. */
export interface PriceHistoryStats {
  readonly lastChangeAt: number | null;
  /** Applied changes in the 24 h before `now`. */
  readonly changesLast24h: number;
  /** The price in effect 24 h before `now` (anchor of the per-day bound). */
  readonly priceDayAgo: Pence;
  /** Lowest price of the reference window (see lowestPriceInWindow). */
  readonly referencePrice: Pence;
}

export interface PricingInputs {
  readonly now: number;
  readonly product: ProductPricing;
  readonly velocity: VelocitySnapshot;
  readonly state: SkuPricingState;
  readonly history: PriceHistoryStats;
}
