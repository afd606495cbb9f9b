// SQL select lists shared by the inventory queries: snake_case columns -> the camelCase JSON the API returns.
export const INVENTORY_COLUMNS = `
  sku, name, category, on_hand AS "onHand",
  units_sold::float8 AS "unitsSold", units_returned::float8 AS "unitsReturned",
  units_restocked::float8 AS "unitsRestocked", units_adjusted::float8 AS "unitsAdjusted",
  units_last_hour AS "unitsLastHour", units_last_24h AS "unitsLast24h",
  baseline_hourly_rate AS "baselineHourlyRate", velocity_ratio AS "velocityRatio",
  forecast_24h AS "forecast24h", stockout_eta AS "stockoutEta", reorder_suggestion AS "reorderSuggestion",
  current_price::float8 AS "currentPrice", low_stock AS "lowStock", last_event_at AS "lastEventAt",
  updated_at AS "updatedAt", batch_id::float8 AS "batchId"`;

export const HISTORY_COLUMNS = `
  h.sku, h.on_hand AS "onHand", h.units_last_hour AS "unitsLastHour", h.units_last_24h AS "unitsLast24h",
  h.velocity_ratio AS "velocityRatio", h.current_price::float8 AS "currentPrice", h.event_time AS "eventTime",
  h.committed_at AS "committedAt", h.batch_id::float8 AS "batchId"`;

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

export interface InventoryHistoryRow {
  sku: string;
  onHand: number;
  unitsLastHour: number;
  unitsLast24h: number;
  velocityRatio: number | null;
  currentPrice: number;
  eventTime: Date;
  committedAt: Date;
  batchId: number;
}
