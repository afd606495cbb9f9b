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
  /** Sold units per 5-minute bucket start, for the last hour (relative to lastEventMs). */
  readonly fiveMinute: Readonly<Record<string, number>>;
  /** Sold units per hour start, for the last FORECAST_HISTORY_HOURS hours. */
  readonly hourly: Readonly<Record<string, number>>;
}

export function emptyInventoryState(product: InventoryProduct): InventoryState {
  return { onHand: product.initialStock, unitsSold: 0, unitsReturned: 0, unitsRestocked: 0, unitsAdjusted: 0, lastEventMs: null, fiveMinute: {}, hourly: {} };
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
  const fiveMinute: Record<string, number> = { ...state.fiveMinute };
  const hourly: Record<string, number> = { ...state.hourly };
  for (const e of events) {
    onHand += stockDelta(e.type, e.quantity);
    if (lastEventMs === null || e.eventTimeMs > lastEventMs) lastEventMs = e.eventTimeMs;
    switch (e.type) {
      case 'sale': {
        unitsSold += e.quantity;
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
    fiveMinute: prune(fiveMinute, lastBucket5 - 11 * FIVE_MIN),
    hourly: prune(hourly, lastHour - (FORECAST_HISTORY_HOURS - 1) * HOUR),
  };
}

export interface InventoryFigures {
  readonly onHand: number;
  /** Sales in the 12 five-minute buckets ending with the last event's bucket. */
  readonly unitsLastHour: number;
  /** Sales in the 24 hours ending with the last event's hour. */
  readonly unitsLast24h: number;
  readonly velocityRatio: number | null;
  readonly forecast24h: number | null;
  readonly stockoutEtaMs: number | null;
  readonly reorderSuggestion: number | null;
  readonly lowStock: boolean;
}

/** Dense hourly series from the first kept hour to the last event's hour. */
export function hourlySeries(state: InventoryState): { series: number[]; firstHourMs: number } {
  if (state.lastEventMs === null) return { series: [], firstHourMs: 0 };
  const hours = Object.keys(state.hourly).map(Number);
  const lastHour = floorTo(state.lastEventMs, HOUR);
  const firstHourMs = hours.length ? Math.min(...hours) : lastHour;
  const series = new Array<number>(Math.max(0, (lastHour - firstHourMs) / HOUR + 1)).fill(0);
  for (const [start, units] of Object.entries(state.hourly)) series[(Number(start) - firstHourMs) / HOUR] += units;
  return { series, firstHourMs };
}

/**
 * The derived figures. Forecast: Holt-Winters with daily seasonality on the SKU's hourly sales once it
 * has two days of them (the last, still open hour excluded), else the baseline rate; from the next hour on.
 */
export function inventoryFigures(state: InventoryState, product: InventoryProduct): InventoryFigures {
  const unitsLastHour = Object.values(state.fiveMinute).reduce((a, b) => a + b, 0);
  const lastHourMs = state.lastEventMs === null ? null : floorTo(state.lastEventMs, HOUR);
  const dayStart = lastHourMs === null ? 0 : lastHourMs - 23 * HOUR;
  let unitsLast24h = 0;
  for (const [start, units] of Object.entries(state.hourly)) if (Number(start) >= dayStart) unitsLast24h += units;
  const baseline = product.baselineHourlyRate;
  const horizon = Math.max(72, product.restockLeadHours + 24);
  let forecast: number[] | null = null;
  const { series, firstHourMs } = hourlySeries(state);
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
