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
  /** Event time of the newest sale these figures reflect (epoch ms), null before the first sale. */
  readonly lastSaleAt: number | null;
  /** Event time the windowed figures are valid at (the watermark they were decayed to), null if unknown. */
  readonly asOf: number | null;
}

/** An active promotion: the price to go back to and when. */
export interface ActivePromotion {
  readonly regularPrice: Pence;
  readonly startedAt: number;
  readonly expiresAt: number;
}

/** An open surge episode: the price before its first rise, which the revert goes back to. */
export interface SurgeEpisode {
  readonly regularPrice: Pence;
  readonly startedAt: number;
}

/** Per-SKU memory the bot carries between evaluations. */
export interface SkuPricingState {
  /** Start of the current uninterrupted slow-velocity streak (epoch ms), null when not slow. */
  readonly slowSince: number | null;
  readonly promotion: ActivePromotion | null;
  readonly surge: SurgeEpisode | null;
  /** During a surge episode: since when velocity has been back to normal, null while it is not. */
  readonly normalSince: number | null;
}

export const EMPTY_PRICING_STATE: SkuPricingState = Object.freeze({ slowSince: null, promotion: null, surge: null, normalSince: null });

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
