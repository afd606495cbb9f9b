// The per-SKU running inventory: a pure fold over events (the body of the stateful streaming operator).
// Order of events within and across batches does not change the result (see the spec).
import { stockDelta, type SalesEventType } from '../events/sales-event';
import { fitHoltWinters, forecastHoltWinters } from '../forecast/holt-winters';
import { reorderSuggestion, stockoutEta } from '../forecast/stock-planning';

const FIVE_MIN = 300_000;
const HOUR = 3_600_000;
/** Hourly sales kept per SKU for the forecast. */
export const FORECAST_HISTORY_HOURS = 7 * 24;

/** One event as the inventory operator sees it (after validation and the join with products). */
export interface InventoryInput {
  readonly type: SalesEventType;
  readonly quantity: number;
  readonly eventTimeMs: number;
}

/** Product facts the operator needs (from the products dimension, refreshed each batch). */
export interface InventoryProduct {
  readonly initialStock: number;
  readonly lowStockThreshold: number;
  readonly restockLeadHours: number;
  /** Usual units per hour from history, or null if no baseline yet. */
  readonly baselineHourlyRate: number | null;
}

/** Plain, JSON-able state kept per SKU in the state store. */
export interface InventoryState {
  readonly onHand: number;
  readonly unitsSold: number;
  readonly unitsReturned: number;
  readonly unitsRestocked: number;
  readonly unitsAdjusted: number;
  /** Newest event time seen, null before the first event. */
  readonly lastEventMs: number | null;
  /** Newest sale event time seen, null before the first sale (older states lack it). */
  readonly lastSaleMs?: number | null;
  /** Sold units per 5-minute bucket start, for the last hour (relative to lastEventMs). */
  readonly fiveMinute: Readonly<Record<string, number>>;
  /** Sold units per hour start, for the last FORECAST_HISTORY_HOURS hours. */
  readonly hourly: Readonly<Record<string, number>>;
}

export function emptyInventoryState(product: InventoryProduct): InventoryState {
  return {
    onHand: product.initialStock,
    unitsSold: 0,
    unitsReturned: 0,
    unitsRestocked: 0,
    unitsAdjusted: 0,
    lastEventMs: null,
    lastSaleMs: null,
    fiveMinute: {},
    hourly: {},
  };
}

const floorTo = (ms: number, step: number) => Math.floor(ms / step) * step;

function prune(buckets: Record<string, number>, keepFromMs: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [start, units] of Object.entries(buckets)) if (Number(start) >= keepFromMs) out[start] = units;
  return out;
}

/** Folds a batch of events (any order) into the state. */
export function applyInventoryEvents(state: InventoryState, events: readonly InventoryInput[]): InventoryState {
  let { onHand, unitsSold, unitsReturned, unitsRestocked, unitsAdjusted, lastEventMs } = state;
  let lastSaleMs = state.lastSaleMs ?? null;
  const fiveMinute: Record<string, number> = { ...state.fiveMinute };
  const hourly: Record<string, number> = { ...state.hourly };
  for (const e of events) {
    onHand += stockDelta(e.type, e.quantity);
    if (lastEventMs === null || e.eventTimeMs > lastEventMs) lastEventMs = e.eventTimeMs;
    switch (e.type) {
      case 'sale': {
        unitsSold += e.quantity;
        if (lastSaleMs === null || e.eventTimeMs > lastSaleMs) lastSaleMs = e.eventTimeMs;
        const m = floorTo(e.eventTimeMs, FIVE_MIN);
        const h = floorTo(e.eventTimeMs, HOUR);
        fiveMinute[m] = (fiveMinute[m] ?? 0) + e.quantity;
        hourly[h] = (hourly[h] ?? 0) + e.quantity;
        break;
      }
      case 'return':
        unitsReturned += e.quantity;
        break;
      case 'restock':
        unitsRestocked += e.quantity;
        break;
      case 'adjustment':
        unitsAdjusted += e.quantity;
        break;
    }
  }
  if (lastEventMs === null) return state;
  const lastBucket5 = floorTo(lastEventMs, FIVE_MIN);
  const lastHour = floorTo(lastEventMs, HOUR);
  return {
    onHand,
    unitsSold,
    unitsReturned,
    unitsRestocked,
    unitsAdjusted,
    lastEventMs,
    lastSaleMs,
    fiveMinute: prune(fiveMinute, lastBucket5 - 11 * FIVE_MIN),
    hourly: prune(hourly, lastHour - (FORECAST_HISTORY_HOURS - 1) * HOUR),
  };
}

export interface InventoryFigures {
  readonly onHand: number;
  /** Sales in the 12 five-minute buckets ending with the bucket of the as-of time. */
  readonly unitsLastHour: number;
  /** Sales in the 24 hours ending with the hour of the as-of time. */
  readonly unitsLast24h: number;
  readonly velocityRatio: number | null;
  readonly forecast24h: number | null;
  readonly stockoutEtaMs: number | null;
  readonly reorderSuggestion: number | null;
  readonly lowStock: boolean;
}

/** The time the windowed figures are computed at: the given as-of time, never before the last event. */
export function figuresTime(state: InventoryState, asOfMs?: number | null): number | null {
  if (state.lastEventMs === null) return asOfMs ?? null;
  return asOfMs === undefined || asOfMs === null ? state.lastEventMs : Math.max(state.lastEventMs, asOfMs);
}

/**
 * Dense hourly series of the last FORECAST_HISTORY_HOURS hours up to the hour of `atMs` (hours without
 * sales are 0, so a SKU that stopped selling forecasts less); empty when it sold nothing in that time.
 */
export function hourlySeries(state: InventoryState, atMs: number | null = state.lastEventMs): { series: number[]; firstHourMs: number } {
  if (atMs === null) return { series: [], firstHourMs: 0 };
  const lastHour = floorTo(atMs, HOUR);
  const keepFrom = lastHour - (FORECAST_HISTORY_HOURS - 1) * HOUR;
  const hours = Object.keys(state.hourly)
    .map(Number)
    .filter((h) => h >= keepFrom && h <= lastHour);
  if (hours.length === 0) return { series: [], firstHourMs: lastHour };
  const firstHourMs = Math.min(...hours);
  const series = new Array<number>((lastHour - firstHourMs) / HOUR + 1).fill(0);
  for (const h of hours) series[(h - firstHourMs) / HOUR] += state.hourly[h];
  return { series, firstHourMs };
}

/** Sales in the last hour (five-minute buckets) and the last 24 h (hours) ending at `atMs`. */
export function windowedUnits(state: InventoryState, atMs: number | null): { unitsLastHour: number; unitsLast24h: number } {
  if (atMs === null) return { unitsLastHour: 0, unitsLast24h: 0 };
  const hourFrom = floorTo(atMs, FIVE_MIN) - 11 * FIVE_MIN;
  const dayFrom = floorTo(atMs, HOUR) - 23 * HOUR;
  let unitsLastHour = 0;
  let unitsLast24h = 0;
  for (const [start, units] of Object.entries(state.fiveMinute)) if (Number(start) >= hourFrom && Number(start) <= atMs) unitsLastHour += units;
  for (const [start, units] of Object.entries(state.hourly)) if (Number(start) >= dayFrom && Number(start) <= atMs) unitsLast24h += units;
  return { unitsLastHour, unitsLast24h };
}

/**
 * The next time after `atMs` at which the figures of `state` change without new events: a five-minute
 * bucket leaving the last hour, or the next whole hour (24 h window, forecast).
 */
export function nextFiguresChange(state: InventoryState, atMs: number): number {
  let next = floorTo(atMs, HOUR) + HOUR;
  const hourFrom = floorTo(atMs, FIVE_MIN) - 11 * FIVE_MIN;
  for (const start of Object.keys(state.fiveMinute).map(Number)) if (start >= hourFrom && start + HOUR < next) next = start + HOUR;
  return next;
}

/**
 * The derived figures as of `asOfMs` (default: the last event; never before it): windows end there, so
 * they decay as time passes without sales. Forecast: Holt-Winters with daily seasonality on the SKU's
 * hourly sales once it has two days of them (the current, still open hour excluded), else the baseline
 * rate; from the next hour on.
 */
export function inventoryFigures(state: InventoryState, product: InventoryProduct, asOfMs?: number | null): InventoryFigures {
  const atMs = figuresTime(state, asOfMs);
  const { unitsLastHour, unitsLast24h } = windowedUnits(state, atMs);
  const lastHourMs = atMs === null ? null : floorTo(atMs, HOUR);
  const baseline = product.baselineHourlyRate;
  const horizon = Math.max(72, product.restockLeadHours + 24);
  let forecast: number[] | null = null;
  const { series, firstHourMs } = hourlySeries(state, atMs);
  const closed = series.slice(0, -1);
  if (closed.length >= 48) {
    forecast = forecastHoltWinters(fitHoltWinters(closed, {}, new Date(firstHourMs).getUTCHours()), horizon + 1).slice(1);
  } else if (baseline !== null && baseline >= 0) forecast = new Array<number>(horizon).fill(baseline);
  return {
    onHand: state.onHand,
    unitsLastHour,
    unitsLast24h,
    velocityRatio: baseline && baseline > 0 ? unitsLastHour / baseline : null,
    forecast24h: forecast ? forecast.slice(0, 24).reduce((a, b) => a + b, 0) : null,
    stockoutEtaMs: forecast && lastHourMs !== null ? stockoutEta(state.onHand, forecast, lastHourMs + HOUR) : null,
    reorderSuggestion: forecast
      ? reorderSuggestion({ onHand: state.onHand, hourlyForecast: forecast, leadHours: product.restockLeadHours, safetyStock: product.lowStockThreshold })
      : null,
    lowStock: state.onHand <= product.lowStockThreshold,
  };
}
