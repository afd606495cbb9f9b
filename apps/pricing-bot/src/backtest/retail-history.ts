// Reads the Online Retail day files with the domain's mapping and catalog, then runs the domain's
// velocity query in batch mode on the engine (one-hour tumbling windows) to get the hourly series
// the backtest replays — the same query the pipeline streams.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DomainError,
  mapRetailFile,
  RetailCatalogBuilder,
  RetailDeduplicator,
  SALES_EVENTS_SCHEMA,
  salesVelocity,
  typedSalesEvents,
  type Product,
  type SalesEvent,
} from '@shelfstream/domain';
import { createEngine } from '@shelfstream/engine';
import type { HourlyVelocityRow } from './backtest-input';

export interface RetailHistory {
  readonly products: Product[];
  readonly events: SalesEvent[];
}

/** Hourly tumbling windows of the pipeline's velocity query. */
export const HOURLY_VELOCITY = { kind: '1h-tumbling', size: '1 hour' } as const;

export const VELOCITY_SOURCE =
  'salesVelocity (libs/domain) run in batch on the engine, 1-hour tumbling windows, over the Online Retail CSVs mapped by libs/domain (times read as UTC)';

export function readRetailHistory(folder: string): RetailHistory {
  const files = readdirSync(folder).filter((f) => /^\d{4}-\d{2}-\d{2}\.csv$/.test(f)).sort();
  if (files.length === 0) throw new DomainError('INSUFFICIENT_HISTORY', `no YYYY-MM-DD.csv day files in ${folder}`);
  const dedup = new RetailDeduplicator();
  const catalog = new RetailCatalogBuilder();
  const events: SalesEvent[] = [];
  for (const file of files) {
    const result = mapRetailFile(file.slice(0, 10), readFileSync(join(folder, file), 'utf8'), dedup);
    result.events.forEach((event, i) => {
      events.push(event);
      catalog.add(event, result.rows[i]?.description ?? '');
    });
  }
  return { products: catalog.build(), events };
}

/** Runs the velocity query over the events in batch mode and returns its hourly rows. */
export async function hourlyVelocity(events: readonly SalesEvent[]): Promise<HourlyVelocityRow[]> {
  const engine = createEngine();
  // History keeps event_time as ISO text; typedSalesEvents casts it, as for the pipeline's backfill.
  const rawSchema = { ...SALES_EVENTS_SCHEMA, fields: SALES_EVENTS_SCHEMA.fields.map((f) => (f.name === 'event_time' ? { ...f, type: 'string' as const } : f)) };
  const raw = engine.read.rows(events.map((e) => ({ ...e })), rawSchema);
  const rows = await salesVelocity(typedSalesEvents(raw), HOURLY_VELOCITY).collect();
  return rows.map((r) => ({ sku: String(r['sku']), windowStart: Number(r['window_start']), units: Number(r['units']) }));
}
