// Reads the Online Retail day files and maps them with the domain rules (docs/retail-data.md).
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mapRetailFile, retailDataDir, RetailCatalogBuilder, RetailDeduplicator, type Product, type RetailFileResult } from '@shelfstream/domain';
import { progressBar } from '../cli/progress';

export const DEFAULT_RETAIL_DIR = retailDataDir(join(__dirname, '../../../..'), process.env.RETAIL_DATA_DIR);

export interface RetailDayFilter {
  /** Inclusive day bounds "YYYY-MM-DD". */
  readonly since?: string;
  readonly until?: string;
  /** Only the last N trading days (after since/until). */
  readonly lastDays?: number;
}

/** Day files ("YYYY-MM-DD.csv") in name (= time) order, filtered. */
export async function listRetailDays(dir: string, filter: RetailDayFilter = {}): Promise<string[]> {
  const days = (await readdir(dir))
    .filter((name) => /^\d{4}-\d{2}-\d{2}\.csv$/.test(name))
    .map((name) => name.slice(0, 10))
    .filter((day) => (!filter.since || day >= filter.since) && (!filter.until || day <= filter.until))
    .sort();
  return filter.lastDays ? days.slice(-filter.lastDays) : days;
}

export interface RetailDay extends RetailFileResult {
  readonly day: string;
}

/**
 * Maps each day in order. The deduplicator sees all earlier days of this run; duplicates in the real
 * data sit within one invoice, so a day range gives the same events as the whole year restricted to it.
 */
export async function* readRetailDays(dir: string, days: readonly string[], label = 'map'): AsyncGenerator<RetailDay> {
  const dedup = new RetailDeduplicator();
  const bar = progressBar(label, days.length, 'days');
  try {
    for (const day of days) {
      const text = await readFile(join(dir, `${day}.csv`), 'utf8');
      yield { day, ...mapRetailFile(day, text, dedup) };
      bar.increment();
    }
  } finally {
    bar.stop();
  }
}

/** The product catalog derived from the given days. */
export async function retailCatalog(dir: string, days: readonly string[]): Promise<Product[]> {
  const builder = new RetailCatalogBuilder();
  for await (const file of readRetailDays(dir, days, 'catalog')) file.events.forEach((e, i) => builder.add(e, file.rows[i].description));
  return builder.build();
}
