// Reads the Online Retail day files with the domain's mapping and catalog, and folds the sales into the
// hourly velocity rows the backtest replays. (Interim velocity source: the engine's batch run of the
// domain velocity query replaces the fold below once it is wired; both yield HourlyVelocityRow.)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError, HOUR_MS, mapRetailFile, RetailCatalogBuilder, RetailDeduplicator, type Product } from '@shelfstream/domain';
import type { HourlyVelocityRow } from './backtest-input';

export interface RetailHistory {
  readonly products: Product[];
  readonly rows: HourlyVelocityRow[];
  readonly events: number;
}

export const RETAIL_FOLD_SOURCE = 'Online Retail CSVs mapped by libs/domain, hourly fold of sale units (times read as UTC)';

export function readRetailHistory(folder: string): RetailHistory {
  const files = readdirSync(folder).filter((f) => /^\d{4}-\d{2}-\d{2}\.csv$/.test(f)).sort();
  if (files.length === 0) throw new DomainError('INSUFFICIENT_HISTORY', `no YYYY-MM-DD.csv day files in ${folder}`);
  const dedup = new RetailDeduplicator();
  const catalog = new RetailCatalogBuilder();
  const hourly = new Map<string, Map<number, number>>();
  let events = 0;
  for (const file of files) {
    const result = mapRetailFile(file.slice(0, 10), readFileSync(join(folder, file), 'utf8'), dedup);
    result.events.forEach((event, i) => {
      events++;
      catalog.add(event, result.rows[i]?.description ?? '');
      if (event.type !== 'sale') return;
      const hour = Math.floor(Date.parse(event.event_time) / HOUR_MS) * HOUR_MS;
      let series = hourly.get(event.sku);
      if (!series) hourly.set(event.sku, (series = new Map()));
      series.set(hour, (series.get(hour) ?? 0) + event.quantity);
    });
  }
  const rows: HourlyVelocityRow[] = [];
  for (const [sku, series] of hourly) for (const [windowStart, units] of series) rows.push({ sku, windowStart, units });
  return { products: catalog.build(), rows, events };
}
