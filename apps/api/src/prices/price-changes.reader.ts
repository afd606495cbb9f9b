// Reads the pricing bot's `price_changes` table (owned by the pricing-bot engineer's migration).
// The only file of the API that knows its columns.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isoSql } from '../common/sql';

export interface PriceChangeRow {
  sku: string;
  oldPrice: number;
  newPrice: number;
  /** Lowest price of the 30 days before the change. */
  referencePrice: number;
  reason: string;
  rule: string;
  /** ISO-8601 UTC. */
  changedAt: string;
  decisionId: number;
}

export const PRICE_CHANGE_COLUMNS = `
  pc.sku, pc.old_price::float8 AS "oldPrice", pc.new_price::float8 AS "newPrice",
  pc.reference_price::float8 AS "referencePrice", pc.reason, pc.rule,
  ${isoSql('pc.changed_at')} AS "changedAt", pc.decision_id::float8 AS "decisionId"`;

/** SQL for the newest `limit` changes of SKU $1 as a JSON array (used inside larger queries). */
export const RECENT_PRICE_CHANGES_JSON = (skuParam: string, limit: number) => `
  coalesce((SELECT json_agg(x) FROM (
    SELECT ${PRICE_CHANGE_COLUMNS}
    FROM price_changes pc WHERE pc.sku = ${skuParam}
    ORDER BY pc.changed_at DESC, pc.id DESC LIMIT ${limit}) x), '[]'::json)`;

export interface PriceHistoryQuery {
  sku?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

@Injectable()
export class PriceChangesReader {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async list(q: PriceHistoryQuery): Promise<{ items: PriceChangeRow[]; total: number }> {
    const rows: (PriceChangeRow & { total: number })[] = await this.ds.query(
      `SELECT ${PRICE_CHANGE_COLUMNS}, (count(*) OVER ())::int AS total FROM price_changes pc
       WHERE ($1::text IS NULL OR pc.sku = $1)
         AND ($2::timestamptz IS NULL OR pc.changed_at >= $2)
         AND ($3::timestamptz IS NULL OR pc.changed_at <= $3)
       ORDER BY pc.changed_at DESC, pc.id DESC LIMIT $4 OFFSET $5`,
      [q.sku ?? null, q.from ?? null, q.to ?? null, q.limit, q.offset],
    );
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }
}
