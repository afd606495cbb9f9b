// SQL select lists shared by the inventory queries: snake_case columns -> the camelCase JSON the API returns.
export const INVENTORY_COLUMNS = `
  sku, name, category, on_hand::float8 AS "onHand",
  units_sold::float8 AS "unitsSold", units_returned::float8 AS "unitsReturned",
  units_restocked::float8 AS "unitsRestocked", units_adjusted::float8 AS "unitsAdjusted",
  units_last_hour::float8 AS "unitsLastHour", units_last_24h::float8 AS "unitsLast24h",
  baseline_hourly_rate AS "baselineHourlyRate", velocity_ratio AS "velocityRatio",
  forecast_24h AS "forecast24h", stockout_eta AS "stockoutEta", reorder_suggestion::float8 AS "reorderSuggestion",
  current_price::float8 AS "currentPrice", low_stock AS "lowStock", last_event_at AS "lastEventAt",
  updated_at AS "updatedAt", batch_id::float8 AS "batchId"`;

/** Select list over INVENTORY_AS_OF_SQL (@shelfstream/db): the inventory at an event time, from sales_history. */
export const AS_OF_COLUMNS = `
  a.sku, a.on_hand::float8 AS "onHand", a.units_last_hour::float8 AS "unitsLastHour", a.units_last_24h::float8 AS "unitsLast24h",
  a.velocity_ratio AS "velocityRatio", a.current_price AS "currentPrice", a.last_event_at AS "eventTime",
  a.last_sale_at AS "lastSaleAt", a.recorded_at AS "recordedAt"`;

export interface InventoryRow {
  sku: string;
  name: string;
  category: string;
  onHand: number;
  unitsSold: number;
  unitsReturned: number;
  unitsRestocked: number;
  unitsAdjusted: number;
  unitsLastHour: number;
  unitsLast24h: number;
  baselineHourlyRate: number;
  velocityRatio: number | null;
  forecast24h: number | null;
  stockoutEta: Date | null;
  reorderSuggestion: number | null;
  currentPrice: number;
  lowStock: boolean;
  lastEventAt: Date;
  updatedAt: Date;
  batchId: number;
}

/** A live_inventory row as the API serves it: with whether it is live (live-window.service.ts). */
export type ServedInventoryRow = InventoryRow & { live: boolean };

/** A SKU as of an event time: counts exactly the events with event_time <= that time, whenever they arrived. */
export interface InventoryHistoryRow {
  sku: string;
  onHand: number;
  unitsLastHour: number;
  unitsLast24h: number;
  velocityRatio: number | null;
  /** The price in effect at that time. */
  currentPrice: number;
  /** Newest event time counted (<= the as-of time). */
  eventTime: Date;
  lastSaleAt: Date | null;
  /** When the newest counted event was recorded by the pipeline. */
  recordedAt: Date;
}
