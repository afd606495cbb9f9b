// `load`: the real retail CSVs -> history files of sales events (+ the derived catalog as _catalog.json).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RetailCatalogBuilder, type RetailSkipReason } from '@shelfstream/domain';
import { Command, Option } from 'commander';
import { positiveInteger } from '../cli/parse-options';
import { type HistoryFormat, sortByEventTime, writeHistoryFile } from '../history/history-writer';
import { DEFAULT_RETAIL_DIR, listRetailDays, readRetailDays } from '../history/retail-source';

export const CATALOG_FILE = '_catalog.json';

export interface LoadOptions {
  from: string;
  out: string;
  format: HistoryFormat | 'both';
  since?: string;
  until?: string;
  lastDays?: number;
}

export interface LoadSummary {
  days: number;
  lines: number;
  events: number;
  skipped: Partial<Record<RetailSkipReason, number>>;
  products: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadSummary> {
  const days = await listRetailDays(options.from, options);
  await mkdir(options.out, { recursive: true });
  const formats: HistoryFormat[] = options.format === 'both' ? ['ndjson', 'parquet'] : [options.format];
  const catalog = new RetailCatalogBuilder();
  const summary: LoadSummary = { days: days.length, lines: 0, events: 0, skipped: {}, products: 0 };
  for await (const file of readRetailDays(options.from, days, 'load')) {
    file.events.forEach((e, i) => catalog.add(e, file.rows[i].description));
    const events = sortByEventTime(file.events);
    for (const format of formats) await writeHistoryFile(join(options.out, `sales-${file.day}.${format}`), format, events);
    summary.lines += file.lines;
    summary.events += events.length;
    for (const [reason, n] of Object.entries(file.skipped))
      summary.skipped[reason as RetailSkipReason] = (summary.skipped[reason as RetailSkipReason] ?? 0) + (n ?? 0);
  }
  const products = catalog.build();
  summary.products = products.length;
  await writeFile(join(options.out, CATALOG_FILE), JSON.stringify(products));
  return summary;
}

export function loadCommand(): Command {
  return new Command('load')
    .description('map the real Online Retail CSVs (docs/retail-data.md) into history files of sales events')
    .option('--from <dir>', 'folder of day CSVs', DEFAULT_RETAIL_DIR)
    .requiredOption('--out <dir>', 'output folder (one file per day, plus _catalog.json)')
    .addOption(new Option('--format <format>', 'history file format').choices(['ndjson', 'parquet', 'both']).default('parquet'))
    .option('--since <day>', 'first day, YYYY-MM-DD')
    .option('--until <day>', 'last day, YYYY-MM-DD')
    .option('--last-days <n>', 'only the last N trading days', positiveInteger)
    .action(async (options: LoadOptions) => {
      const summary = await runLoad(options);
      console.log(JSON.stringify(summary));
    });
}
