import { Inject, Injectable } from '@nestjs/common';
import { INVENTORY_AS_OF_SQL } from '@shelfstream/db';
import { DataSource } from 'typeorm';
import { isoSql } from '../common/sql';
import { ApiError } from '../errors/api-error';
import { RECENT_PRICE_CHANGES_JSON, type PriceChangeRow } from '../prices/price-changes.reader';
import { AS_OF_COLUMNS, INVENTORY_COLUMNS, type InventoryHistoryRow, type InventoryRow, type ServedInventoryRow } from './inventory-columns';
import type { InventoryListQuery, InventorySort } from './inventory-query.dto';
import { LiveWindowService, type LiveWindow } from './live-window.service';

const SORT_SQL: Record<InventorySort, string> = {
  velocity_ratio: 'velocity_ratio',
  stockout_eta: 'stockout_eta',
  on_hand: 'on_hand',
  sku: 'sku',
  updated_at: 'updated_at',
  last_event_at: 'last_event_at',
};

export interface VelocityWindow {
  /** ISO-8601 UTC. */
  windowStart: string;
  windowEnd: string;
  units: number;
  revenue: number;
  orders: number;
}

export interface SkuDetail {
  inventory: InventoryRow;
  baseline: { hourlyRate: number; dailyUnits: number; days: number } | null;
  velocity: { lastHour: VelocityWindow[]; last24h: VelocityWindow[] };
  forecast: { next24hUnits: number | null; stockoutEta: Date | null; reorderSuggestion: number | null };
  recentPriceChanges: PriceChangeRow[];
}

const WINDOW_JSON = (kind: '1h' | '24h', horizon: string) => `
  coalesce((SELECT json_agg(w ORDER BY w."windowStart") FROM (
    SELECT ${isoSql('v.window_start')} AS "windowStart", ${isoSql('v.window_end')} AS "windowEnd", v.units::float8 AS units, v.revenue::float8 AS revenue, v.orders::float8 AS orders
    FROM sales_velocity v
    WHERE v.sku = li.sku AND v.window_kind = '${kind}' AND v.window_end > li.last_event_at - interval '${horizon}'
  ) w), '[]'::json)`;

/** One round trip for the whole SKU document: the row, its windows, baseline and recent price changes. */
const DETAIL_SQL = `
  SELECT ${INVENTORY_COLUMNS},
    (SELECT json_build_object('hourlyRate', b.hourly_rate, 'dailyUnits', b.daily_units, 'days', b.days)
       FROM sales_baseline b WHERE b.sku = li.sku) AS baseline,
    ${WINDOW_JSON('1h', '24 hours')} AS "lastHour",
    ${WINDOW_JSON('24h', '48 hours')} AS "last24h",
    ${RECENT_PRICE_CHANGES_JSON('li.sku', 20)} AS "recentPriceChanges"
  FROM live_inventory li WHERE li.sku = $1`;

@Injectable()
export class InventoryService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(LiveWindowService) private readonly liveWindow: LiveWindowService,
  ) {}

  async list(q: InventoryListQuery): Promise<{ items: ServedInventoryRow[]; total: number }> {
    const dir = q.order === 'asc' ? 'ASC' : 'DESC';
    await this.liveWindow.current();
    const since = this.liveWindow.sinceMs();
    const rows: (InventoryRow & { total: number })[] = await this.ds.query(
      `SELECT ${INVENTORY_COLUMNS}, (count(*) OVER ())::int AS total FROM live_inventory
       WHERE ($1::text IS NULL OR category = $1) AND ($2::boolean IS NULL OR low_stock = $2)
         AND ($3::text IS NULL OR sku ILIKE $3 || '%' OR name ILIKE '%' || $3 || '%')
         AND ($6::boolean IS NULL OR coalesce(last_event_at >= $7::timestamptz, false) = $6)
       ORDER BY ${SORT_SQL[q.sort]} ${dir} NULLS LAST, sku ASC LIMIT $4 OFFSET $5`,
      [
        q.category ?? null,
        q.lowStock ?? null,
        q.search ? escapeLike(q.search) : null,
        q.limit,
        q.offset,
        q.live ?? null,
        since === null ? null : new Date(since),
      ],
    );
    return { items: rows.map(({ total: _t, ...r }) => this.served(r)), total: rows[0]?.total ?? 0 };
  }

  /** The row with whether it is live now. */
  served(row: InventoryRow): ServedInventoryRow {
    return { ...row, live: this.liveWindow.isLive(row.lastEventAt) };
  }

  /** The live window with how many SKUs are in it. */
  async liveWindowCounts(): Promise<LiveWindow & { liveSkus: number; totalSkus: number }> {
    const window = await this.liveWindow.current();
    const since = this.liveWindow.sinceMs();
    const rows: { liveSkus: number; totalSkus: number }[] = await this.ds.query(
      `SELECT count(*) FILTER (WHERE last_event_at >= $1::timestamptz)::int AS "liveSkus", count(*)::int AS "totalSkus" FROM live_inventory`,
      [since === null ? null : new Date(since)],
    );
    return { ...window, liveSkus: rows[0]?.liveSkus ?? 0, totalSkus: rows[0]?.totalSkus ?? 0 };
  }

  /** Rows for an export: same filters, no paging, in SKU order. */
  async exportRows(q: Pick<InventoryListQuery, 'category' | 'lowStock'>): Promise<InventoryRow[]> {
    return this.ds.query(
      `SELECT ${INVENTORY_COLUMNS} FROM live_inventory
       WHERE ($1::text IS NULL OR category = $1) AND ($2::boolean IS NULL OR low_stock = $2) ORDER BY sku`,
      [q.category ?? null, q.lowStock ?? null],
    );
  }

  async rowsBySku(skus: readonly string[]): Promise<InventoryRow[]> {
    return this.ds.query(`SELECT ${INVENTORY_COLUMNS} FROM live_inventory WHERE sku = ANY($1)`, [skus]);
  }

  async rowsByBatch(batchId: number): Promise<InventoryRow[]> {
    return this.ds.query(`SELECT ${INVENTORY_COLUMNS} FROM live_inventory WHERE batch_id = $1`, [batchId]);
  }

  /** Rows updated after `since` minus a minute (updated_at is the committing transaction's start time). */
  async rowsUpdatedAround(since: Date): Promise<InventoryRow[]> {
    return this.ds.query(`SELECT ${INVENTORY_COLUMNS} FROM live_inventory WHERE updated_at > $1::timestamptz - interval '1 minute'`, [since]);
  }

  /** What the live feed needs to know per SKU at start. */
  async feedSeed(): Promise<{ sku: string; category: string; lowStock: boolean; updatedAt: Date }[]> {
    return this.ds.query(`SELECT sku, category, low_stock AS "lowStock", updated_at AS "updatedAt" FROM live_inventory`);
  }

  async categories(): Promise<{ category: string; skus: number; lowStock: number }[]> {
    return this.ds.query(
      `SELECT category, count(*)::int AS skus, count(*) FILTER (WHERE low_stock)::int AS "lowStock"
       FROM live_inventory GROUP BY category ORDER BY category`,
    );
  }

  async detail(sku: string): Promise<SkuDetail> {
    const rows: (InventoryRow & {
      baseline: SkuDetail['baseline'];
      lastHour: VelocityWindow[];
      last24h: VelocityWindow[];
      recentPriceChanges: PriceChangeRow[];
    })[] = await this.ds.query(DETAIL_SQL, [sku]);
    const row = rows[0];
    if (!row) throw new ApiError('SKU_NOT_FOUND', `No inventory for SKU ${sku}`);
    const { baseline, lastHour, last24h, recentPriceChanges, ...inventory } = row;
    return {
      inventory,
      baseline,
      velocity: { lastHour, last24h },
      forecast: { next24hUnits: inventory.forecast24h, stockoutEta: inventory.stockoutEta, reorderSuggestion: inventory.reorderSuggestion },
      recentPriceChanges,
    };
  }

  /** The SKU as of event time t: from the events with event_time <= t (sales_history), in whatever order they came. */
  async asOf(sku: string, at: Date): Promise<InventoryHistoryRow> {
    const rows: InventoryHistoryRow[] = await this.ds.query(`SELECT ${AS_OF_COLUMNS} FROM (${INVENTORY_AS_OF_SQL}) a`, [at, sku]);
    if (!rows[0]) throw new ApiError('SKU_NOT_FOUND', `No history for SKU ${sku} at or before ${at.toISOString()}`);
    return rows[0];
  }

  /** Every SKU with events as of event time t (optionally one category), paged in SKU order. */
  async listAsOf(at: Date, q: Pick<InventoryListQuery, 'category' | 'limit' | 'offset'>): Promise<{ items: InventoryHistoryRow[]; total: number }> {
    const rows: (InventoryHistoryRow & { total: number })[] = await this.ds.query(
      `SELECT ${AS_OF_COLUMNS}, (count(*) OVER ())::int AS total FROM (${INVENTORY_AS_OF_SQL}) a
       WHERE ($3::text IS NULL OR a.category = $3)
       ORDER BY a.sku LIMIT $4 OFFSET $5`,
      [at, null, q.category ?? null, q.limit, q.offset],
    );
    return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
