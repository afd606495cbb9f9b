// `seed`: products from the catalog derived from the real data (or a load's _catalog.json).
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Product } from '@shelfstream/domain';
import { Command } from 'commander';
import { positiveInteger } from '../cli/parse-options';
import { progressBar } from '../cli/progress';
import { loadPipelineConfig } from '../config/pipeline-config';
import { upsertProducts } from '../db/product-store';
import { DEFAULT_RETAIL_DIR, listRetailDays, retailCatalog, type RetailDayFilter } from '../history/retail-source';
import { CATALOG_FILE } from './load.command';

/** A folder with _catalog.json (from `load`), a catalog JSON file, or the retail CSV folder. */
export async function catalogFrom(path: string, filter: RetailDayFilter = {}): Promise<Product[]> {
  const info = await stat(path);
  const catalogPath = info.isDirectory() ? join(path, CATALOG_FILE) : path;
  if (
    await stat(catalogPath).then(
      () => true,
      () => false,
    )
  )
    return JSON.parse(await readFile(catalogPath, 'utf8')) as Product[];
  return retailCatalog(path, await listRetailDays(path, filter));
}

export function seedCommand(): Command {
  return new Command('seed')
    .description('upsert products derived from the retail history (docs/retail-data.md)')
    .option('--from <path>', 'retail CSV folder, a load output folder, or a catalog JSON', DEFAULT_RETAIL_DIR)
    .option('--since <day>', 'first day of the CSV history, YYYY-MM-DD')
    .option('--until <day>', 'last day of the CSV history, YYYY-MM-DD')
    .option('--last-days <n>', 'only the last N trading days of the CSV history', positiveInteger)
    .action(async (options: RetailDayFilter & { from: string }) => {
      const products = await catalogFrom(options.from, options);
      const bar = progressBar('seed', products.length, 'products');
      await upsertProducts(loadPipelineConfig().DATABASE_URL, products, (n) => bar.increment(n));
      bar.stop();
      console.log(`seeded ${products.length} products`);
    });
}
