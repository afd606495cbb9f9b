// What a backtest replays: the catalog and each SKU's hourly sales series (the velocity query's
// one-hour tumbling windows run in batch over the history).
import { DomainError, HOUR_MS, toPence, type Product } from '@shelfstream/domain';

/** One row of the hourly velocity query: units sold by a SKU in [windowStart, windowStart + 1 h). */
export interface HourlyVelocityRow {
  readonly sku: string;
  readonly windowStart: number;
  readonly units: number;
}

export interface BacktestProduct {
  readonly sku: string;
  /** Prices in pence. */
  readonly unitCost: number;
  readonly basePrice: number;
  readonly priceFloor: number | null;
  readonly priceCeiling: number | null;
  readonly lowStockThreshold: number;
  readonly restockLeadHours: number;
}

export interface BacktestInput {
  readonly products: readonly BacktestProduct[];
  /** First hour of the replay (epoch ms, on the hour) and its length in hours. */
  readonly startHour: number;
  readonly hours: number;
  /** Units sold per SKU per hour index (sparse). */
  readonly sales: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /** Where the hourly series came from (stated in the report). */
  readonly velocitySource: string;
}

export function backtestProduct(p: Product): BacktestProduct {
  return {
    sku: p.sku, unitCost: toPence(p.unitCost), basePrice: toPence(p.basePrice), priceFloor: toPence(p.priceFloor),
    priceCeiling: toPence(p.priceCeiling), lowStockThreshold: p.lowStockThreshold, restockLeadHours: p.restockLeadHours,
  };
}

/** Builds the replay input from the velocity rows; SKUs without a product are left out. */
export function backtestInput(products: readonly Product[], rows: Iterable<HourlyVelocityRow>, velocitySource: string): BacktestInput {
  const known = new Set(products.map((p) => p.sku));
  const sales = new Map<string, Map<number, number>>();
  let first = Infinity;
  let last = -Infinity;
  const kept: HourlyVelocityRow[] = [];
  for (const r of rows) {
    if (!known.has(r.sku) || r.units <= 0) continue;
    if (r.windowStart % HOUR_MS !== 0) throw new DomainError('INVALID_ARGUMENT', `velocity window ${r.windowStart} of ${r.sku} is not on the hour`);
    kept.push(r);
    first = Math.min(first, r.windowStart);
    last = Math.max(last, r.windowStart);
  }
  if (kept.length === 0) throw new DomainError('INSUFFICIENT_HISTORY', 'no hourly sales to replay');
  for (const r of kept) {
    let series = sales.get(r.sku);
    if (!series) sales.set(r.sku, (series = new Map()));
    const h = (r.windowStart - first) / HOUR_MS;
    series.set(h, (series.get(h) ?? 0) + r.units);
  }
  return {
    products: products.filter((p) => sales.has(p.sku)).map(backtestProduct),
    startHour: first,
    hours: (last - first) / HOUR_MS + 1,
    sales,
    velocitySource,
  };
}
