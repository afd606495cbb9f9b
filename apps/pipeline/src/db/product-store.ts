// Products in Postgres: seeding from a catalog, and reading them back for the simulator.
import type { Product } from '@shelfstream/domain';
import { createDataSource } from '@shelfstream/db';

/**
 * Inserts or updates the catalog. A re-seed keeps each product's current price (the pricing bot owns it),
 * clamped into the new floor..ceiling.
 */
export async function upsertProducts(databaseUrl: string, products: readonly Product[], onChunk?: (n: number) => void): Promise<void> {
  const ds = await createDataSource({ url: databaseUrl, poolSize: 2, applicationName: 'shelfstream-seed' }).initialize();
  try {
    for (let i = 0; i < products.length; i += 1000) {
      const chunk = products.slice(i, i + 1000);
      const column = <K extends keyof Product>(key: K) => chunk.map((p) => p[key]);
      await ds.query(
        `INSERT INTO products (sku, name, category, unit_cost, base_price, current_price, price_floor, price_ceiling,
                               initial_stock, low_stock_threshold, restock_lead_hours, updated_at)
         SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[],
                                     $7::numeric[], $8::numeric[], $9::int[], $10::int[], $11::int[])
         ON CONFLICT (sku) DO UPDATE SET
           name = EXCLUDED.name, category = EXCLUDED.category, unit_cost = EXCLUDED.unit_cost,
           base_price = EXCLUDED.base_price, price_floor = EXCLUDED.price_floor, price_ceiling = EXCLUDED.price_ceiling,
           current_price = LEAST(GREATEST(products.current_price, EXCLUDED.price_floor), EXCLUDED.price_ceiling),
           initial_stock = EXCLUDED.initial_stock, low_stock_threshold = EXCLUDED.low_stock_threshold,
           restock_lead_hours = EXCLUDED.restock_lead_hours, updated_at = now()`,
        [
          column('sku'),
          column('name'),
          column('category'),
          column('unitCost'),
          column('basePrice'),
          column('currentPrice'),
          column('priceFloor'),
          column('priceCeiling'),
          column('initialStock'),
          column('lowStockThreshold'),
          column('restockLeadHours'),
        ],
      );
      onChunk?.(chunk.length);
    }
  } finally {
    await ds.destroy();
  }
}

export interface StockedProduct {
  readonly product: Product;
  /** Live on-hand if the pipeline has a row for it, else the initial stock. */
  readonly onHand: number;
}

export async function loadStockedProducts(databaseUrl: string): Promise<StockedProduct[]> {
  const ds = await createDataSource({ url: databaseUrl, poolSize: 1, applicationName: 'shelfstream-simulate' }).initialize();
  try {
    const rows: Array<Record<string, string | number | null>> = await ds.query(
      `SELECT p.sku, p.name, p.category, p.unit_cost, p.base_price, p.current_price, p.price_floor, p.price_ceiling,
              p.initial_stock, p.low_stock_threshold, p.restock_lead_hours, li.on_hand
         FROM products p LEFT JOIN live_inventory li ON li.sku = p.sku
        ORDER BY p.low_stock_threshold DESC, p.sku`,
    );
    return rows.map((r) => ({
      product: {
        sku: String(r.sku),
        name: String(r.name),
        category: String(r.category),
        unitCost: Number(r.unit_cost),
        basePrice: Number(r.base_price),
        currentPrice: Number(r.current_price),
        priceFloor: Number(r.price_floor),
        priceCeiling: Number(r.price_ceiling),
        initialStock: Number(r.initial_stock),
        lowStockThreshold: Number(r.low_stock_threshold),
        restockLeadHours: Number(r.restock_lead_hours),
      },
      onHand: r.on_hand === null ? Number(r.initial_stock) : Number(r.on_hand),
    }));
  } finally {
    await ds.destroy();
  }
}
