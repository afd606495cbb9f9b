// Product catalog derived from the mapped history (assumptions stated in docs/retail-data.md).
import { stockDelta, type SalesEvent } from '../events/sales-event';
import { DEFAULT_RESTOCK_LEAD_HOURS, roundMoney, type Product } from '../products/product';
import { categoryOf } from '../products/product-category';

/** Assumed unit cost: 60 % of the base price (a 40 % gross margin, typical for gift retail). */
export const UNIT_COST_SHARE = 0.6;
/** Days of average demand held on top of the history's net consumption, and the low-stock threshold. */
export const COVER_DAYS = 14;
export const LOW_STOCK_DAYS = 7;

interface SkuTally {
  names: Map<string, number>;
  prices: number[];
  netConsumed: number;
  soldUnits: number;
  returnedUnits: number;
}

/** Accumulates events (and their descriptions) and builds one Product per SKU seen. */
export class RetailCatalogBuilder {
  private readonly tallies = new Map<string, SkuTally>();
  private readonly days = new Set<string>();

  add(event: SalesEvent, description: string): void {
    let tally = this.tallies.get(event.sku);
    if (!tally) {
      tally = { names: new Map(), prices: [], netConsumed: 0, soldUnits: 0, returnedUnits: 0 };
      this.tallies.set(event.sku, tally);
    }
    this.days.add(event.event_time.slice(0, 10));
    tally.netConsumed -= stockDelta(event.type, event.quantity);
    if (event.type === 'sale') {
      tally.soldUnits += event.quantity;
      if (event.unit_price > 0) tally.prices.push(event.unit_price);
      if (description !== '') tally.names.set(description, (tally.names.get(description) ?? 0) + 1);
    } else if (event.type === 'return') tally.returnedUnits += event.quantity;
  }

  /** Trading days seen (days with at least one event). */
  get tradingDays(): number {
    return this.days.size;
  }

  build(): Product[] {
    const days = Math.max(1, this.days.size);
    const products: Product[] = [];
    for (const [sku, tally] of [...this.tallies].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (tally.prices.length === 0) continue; // never sold at a price: no basis for a base price
      const name = mostFrequent(tally.names) ?? `Unknown item ${sku}`;
      const basePrice = roundMoney(median(tally.prices));
      const unitCost = roundMoney(basePrice * UNIT_COST_SHARE);
      const dailyDemand = Math.max(0, tally.soldUnits - tally.returnedUnits) / days;
      const lowStockThreshold = Math.max(1, Math.ceil(dailyDemand * LOW_STOCK_DAYS));
      products.push({
        sku,
        name,
        category: categoryOf(name),
        unitCost,
        basePrice,
        currentPrice: basePrice,
        priceFloor: roundMoney(Math.max(unitCost * 1.1, basePrice * 0.7)),
        priceCeiling: roundMoney(basePrice * 1.5),
        initialStock: Math.max(0, Math.ceil(tally.netConsumed)) + Math.max(lowStockThreshold, Math.ceil(dailyDemand * COVER_DAYS)),
        lowStockThreshold,
        restockLeadHours: DEFAULT_RESTOCK_LEAD_HOURS,
      });
    }
    return products;
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function mostFrequent(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let bestCount = -1;
  for (const [key, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && key < best)) {
      best = key;
      bestCount = count;
    }
  }
  return best;
}
