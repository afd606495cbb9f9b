// "No price change applied twice", checked from the bot's own records: one change per applied decision,
// each change starting from the price the previous one left (a repeated application breaks the chain),
// the product's price equal to the last change, every change published to Kafka.
import type { Pool } from 'pg';

export interface PriceAudit {
  readonly decisions: number;
  readonly applied: number;
  readonly changes: number;
  /** Decisions with more than one change row. */
  readonly decisionsAppliedTwice: number;
  /** Changes whose old price is not the previous change's new price (per SKU, in id order). */
  readonly brokenLinks: string[];
  /** SKUs whose products.current_price differs from their last change's new price. */
  readonly priceMismatches: string[];
  readonly unpublished: number;
}

export async function auditPrices(pool: Pool): Promise<PriceAudit> {
  const counts = await pool.query<{ decisions: number; applied: number; changes: number; twice: number; unpublished: number }>(
    `SELECT (SELECT count(*)::int FROM price_decisions) AS decisions,
            (SELECT count(*)::int FROM price_decisions WHERE outcome = 'applied') AS applied,
            (SELECT count(*)::int FROM price_changes) AS changes,
            (SELECT count(*)::int FROM (SELECT decision_id FROM price_changes GROUP BY 1 HAVING count(*) > 1) d) AS twice,
            (SELECT count(*)::int FROM price_changes WHERE published_at IS NULL) AS unpublished`,
  );
  const links = await pool.query<{ sku: string; id: string; old_price: string; prev: string | null; base: string }>(
    `SELECT c.sku, c.id::text, c.old_price::text, lag(c.new_price) OVER (PARTITION BY c.sku ORDER BY c.id)::text AS prev, p.base_price::text AS base
       FROM price_changes c JOIN products p ON p.sku = c.sku ORDER BY c.sku, c.id`,
  );
  const brokenLinks = links.rows
    .filter((r) => r.old_price !== (r.prev ?? r.base))
    .map((r) => `${r.sku} change ${r.id}: old ${r.old_price}, previous ${r.prev ?? `base ${r.base}`}`);
  const last = await pool.query<{ sku: string; current: string; last: string }>(
    `SELECT DISTINCT ON (c.sku) c.sku, p.current_price::text AS current, c.new_price::text AS last
       FROM price_changes c JOIN products p ON p.sku = c.sku ORDER BY c.sku, c.id DESC`,
  );
  const c = counts.rows[0];
  return {
    decisions: c.decisions,
    applied: c.applied,
    changes: c.changes,
    decisionsAppliedTwice: c.twice,
    brokenLinks: brokenLinks.slice(0, 10),
    priceMismatches: last.rows.filter((r) => r.current !== r.last).map((r) => `${r.sku}: product ${r.current}, last change ${r.last}`),
    unpublished: c.unpublished,
  };
}
