// Shapes the dashboard reads from the API (JSON: dates are ISO strings).

export interface InventoryRow {
  sku: string;
  name: string;
  category: string;
  onHand: number;
  unitsLastHour: number;
  unitsLast24h: number;
  baselineHourlyRate: number;
  velocityRatio: number | null;
  forecast24h: number | null;
  stockoutEta: string | null;
  reorderSuggestion: number | null;
  currentPrice: number;
  lowStock: boolean;
  lastEventAt: string;
  batchId: number;
  /** Set by the API; the page re-derives it from the live window as that moves. */
  live?: boolean;
}

/** GET /api/v1/inventory/live-window and the `live.window` socket event (counts only in the former). */
export interface LiveWindow {
  watermark: string | null;
  since: string | null;
  windowMinutes: number;
  liveSkus?: number;
  totalSkus?: number;
}

export interface VelocityWindow {
  windowStart: string;
  windowEnd: string;
  units: number;
}

export interface SkuDetail {
  inventory: InventoryRow;
  baseline: { hourlyRate: number } | null;
  velocity: { lastHour: VelocityWindow[] };
  forecast: { next24hUnits: number | null; stockoutEta: string | null; reorderSuggestion: number | null };
}

export interface PriceChange {
  sku: string;
  oldPrice: number;
  newPrice: number;
  reason: string;
  rule: string;
  changedAt?: string;
  decidedAt?: string;
}

/** The server's summary of one batch, as sent on `pipeline.progress` and by `GET /pipeline/progress`. */
export type { BatchSummary } from '../../pipeline/batch-summary';

export interface Page<T> {
  items: T[];
  total: number;
}
