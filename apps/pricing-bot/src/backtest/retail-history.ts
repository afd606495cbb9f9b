// Reads the Online Retail day files with the domain's mapping and catalog, and groups each SKU's sales
// into its demand: the units sold at each distinct event time (one pipeline batch of that SKU).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, mapRetailFile, retailDataDir, RetailCatalogBuilder, RetailDeduplicator, type Product } from '@shelfstream/domain';

/** The repository's copy of the real data (RETAIL_DATA_DIR overrides it). */
export const DEFAULT_RETAIL_DIR = retailDataDir(join(__dirname, '../../../..'), process.env.RETAIL_DATA_DIR);

export interface SkuDemand {
  /** Distinct sale times (epoch ms, ascending) and the units sold at each. */
  readonly times: Float64Array;
  readonly units: Float64Array;
}

export interface RetailHistory {
  readonly products: Product[];
  readonly demand: ReadonlyMap<string, SkuDemand>;
  readonly days: readonly string[];
  /** Sale events read (before grouping), and the units they sold. */
  readonly saleEvents: number;
  readonly saleUnits: number;
}

export interface DayRange {
  /** Inclusive "YYYY-MM-DD" bounds. */
  readonly since?: string;
  readonly until?: string;
}

export function readRetailHistory(folder: string, range: DayRange = {}): RetailHistory {
  const days = readdirSync(folder)
    .filter((f) => /^\d{4}-\d{2}-\d{2}\.csv$/.test(f))
    .map((f) => f.slice(0, 10))
    .filter((d) => (!range.since || d >= range.since) && (!range.until || d <= range.until))
    .sort();
  if (days.length === 0) throw new DomainError('INSUFFICIENT_HISTORY', `no YYYY-MM-DD.csv day files in ${folder} for ${JSON.stringify(range)}`);
  const dedup = new RetailDeduplicator();
  const catalog = new RetailCatalogBuilder();
  const sales = new Map<string, Map<number, number>>();
  let saleEvents = 0;
  let saleUnits = 0;
  for (const day of days) {
    const result = mapRetailFile(day, readFileSync(join(folder, `${day}.csv`), 'utf8'), dedup);
    result.events.forEach((event, i) => {
      catalog.add(event, result.rows[i]?.description ?? '');
      if (event.type !== 'sale') return;
      saleEvents++;
      saleUnits += event.quantity;
      let bySku = sales.get(event.sku);
      if (!bySku) sales.set(event.sku, (bySku = new Map()));
      const t = Date.parse(event.event_time);
      bySku.set(t, (bySku.get(t) ?? 0) + event.quantity);
    });
  }
  const demand = new Map<string, SkuDemand>();
  for (const [sku, byTime] of sales) {
    const times = Float64Array.from([...byTime.keys()].sort((a, b) => a - b));
    demand.set(sku, { times, units: Float64Array.from(times, (t) => byTime.get(t) ?? 0) });
  }
  return { products: catalog.build(), demand, days, saleEvents, saleUnits };
}
