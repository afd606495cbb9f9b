// The products every scenario runs on, seeded before the apps start (the stream reads its product
// dimension and baselines when it starts). SKUs are disjoint per scenario, so files cannot disturb each other.
export interface E2eProduct {
  readonly sku: string;
  readonly category: string;
  /** Prices in pounds. */
  readonly price: number;
  readonly cost: number;
  readonly floor: number;
  readonly ceiling: number;
  readonly initialStock: number;
  readonly lowStockThreshold: number;
  /** Seeded `sales_baseline.hourly_rate` (none: the bot never sees a surge or a slow mover). */
  readonly hourlyBaseline?: number;
}

const plain = (sku: string, category: string, price: number): E2eProduct => ({
  sku,
  category,
  price,
  cost: price / 2,
  floor: price / 2,
  ceiling: price * 2,
  initialStock: 500,
  lowStockThreshold: 5,
});

/** Scenario 1: socket delay. */
export const LIVE_SKU = plain('E2E-LIVE-1', 'live', 4.99);

/** Scenario 2: the dashboard (two categories so the filter has something to hide). */
export const DASHBOARD_SKUS = [plain('E2E-MUG-1', 'mugs', 6.49), plain('E2E-MUG-2', 'mugs', 7.99), plain('E2E-CANDLE-1', 'candles', 3.49)];

/**
 * Scenario 3: a low-stock SKU with a baseline of 2 units/hour. 30 sales within the hour are 15× the
 * baseline (the default policy's surge needs 3×) and leave 30 of 60 on hand, under the threshold of 40.
 */
export const SPIKE_SKU: E2eProduct = {
  sku: 'E2E-SPIKE-1',
  category: 'spike',
  price: 10,
  cost: 4,
  floor: 6,
  ceiling: 14,
  initialStock: 60,
  lowStockThreshold: 40,
  hourlyBaseline: 2,
};

export const CATALOGUE: readonly E2eProduct[] = [LIVE_SKU, ...DASHBOARD_SKUS, SPIKE_SKU];
