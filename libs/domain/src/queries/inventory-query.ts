// Live inventory per SKU: keyed state over the events joined with the product dimension
// (initial + restocks + returns − sales + adjustments), plus the velocity, forecast and reorder figures.
// The windowed figures decay: in the stream each SKU's state carries a processing-time timeout, so a SKU
// with no new sales is recomputed as the store clock (inventory-clock.ts) moves on, and a row is emitted
// whenever its figures change (at least once an hour: figures_as_of re-confirms a quiet SKU).
import { col, type DataFrame, type GroupState, parseDuration, type Row, schema } from '@shelfstream/engine';
import type { SalesEventType } from '../events/sales-event';
import { anchorClock, clockAt, type StoreClock } from './inventory-clock';
import {
  applyInventoryEvents,
  emptyInventoryState,
  figuresTime,
  inventoryFigures,
  nextFiguresChange,
  type InventoryProduct,
  type InventoryState,
} from './inventory-state';
import { uniqueSalesEvents } from './sales-events-frame';

/**
 * How long (in event time behind the newest event) an event_id is remembered to drop its duplicates.
 * Stock must count every valid event, however late, so a row older than this is counted without the
 * id check (progress: customMetrics.numLateRowsKept) rather than dropped: a copy of an event arriving
 * more than this behind the stream would count twice. Producer retries arrive within seconds; an hour
 * of ids is ~180,000 keys at 50 events/s.
 */
export const INVENTORY_DEDUPE_HORIZON = '1 hour';

/**
 * Columns the product dimension must have (products + sales_baseline, and for the stream the current
 * live_inventory row as the opening state of a SKU the query has no state for yet).
 */
export const INVENTORY_DIMENSION_SCHEMA = schema({
  sku: 'string',
  name: 'string',
  category: 'string',
  initial_stock: 'int',
  low_stock_threshold: 'int',
  restock_lead_hours: 'int',
  current_price: 'double',
  baseline_hourly_rate: 'double',
  opening_on_hand: 'long',
  opening_units_sold: 'long',
  opening_units_returned: 'long',
  opening_units_restocked: 'long',
  opening_units_adjusted: 'long',
  opening_last_event_at: 'timestamp',
});

/** live_inventory's columns (less batch_id and updated_at, set by the sink) + event_time for the history. */
export const LIVE_INVENTORY_SCHEMA = schema({
  sku: 'string',
  name: 'string',
  category: 'string',
  on_hand: 'long',
  units_sold: 'long',
  units_returned: 'long',
  units_restocked: 'long',
  units_adjusted: 'long',
  units_last_hour: 'long',
  units_last_24h: 'long',
  baseline_hourly_rate: 'double',
  velocity_ratio: 'double',
  forecast_24h: 'double',
  stockout_eta: 'timestamp',
  reorder_suggestion: 'long',
  current_price: 'double',
  low_stock: 'boolean',
  last_event_at: 'timestamp',
  /** Newest sale this row reflects (null: none yet); a signal older than the bot's limit is stale. */
  last_sale_at: 'timestamp',
  /** The time the windowed figures are computed at (the store clock; in batch, the end of the history). */
  figures_as_of: 'timestamp',
  /** Newest event time of this SKU in the batch (inventory_history.event_time); figures_as_of for a decay row. */
  event_time: 'timestamp',
});

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Product facts a row shows; kept in the state so a decay call (no rows, no dimension) can emit. */
interface ProductFacts extends InventoryProduct {
  readonly name: string;
  readonly category: string;
  readonly currentPrice: number | null;
}

/** Per-SKU state of the live inventory query. */
export interface LiveInventoryState {
  readonly inventory: InventoryState;
  readonly product: ProductFacts;
  readonly clock?: StoreClock;
  /** The time of the last emitted figures, and when they next change without events. */
  readonly figuresAsOfMs: number | null;
  readonly nextChangeMs: number;
}

export interface LiveInventoryOptions {
  /** Batch only: compute the windowed figures as of this time (e.g. the end of the history). */
  readonly asOfMs?: number;
  /** Stream: how often (processing time) a quiet SKU checks whether its figures changed. */
  readonly decayCheck?: string | number;
  /** Stream: watermark delay of the store clock (default: the velocity queries' one). */
  readonly watermarkDelay?: string;
}

export const DEFAULT_DECAY_CHECK = '1 minute';

function productOf(row: Row): ProductFacts {
  return {
    name: String(row['name']),
    category: String(row['category']),
    currentPrice: num(row['current_price']),
    initialStock: num(row['initial_stock']) ?? 0,
    lowStockThreshold: num(row['low_stock_threshold']) ?? 0,
    restockLeadHours: num(row['restock_lead_hours']) ?? 48,
    baselineHourlyRate: num(row['baseline_hourly_rate']),
  };
}

/** A SKU seen for the first time starts from the live row the dimension carries, else from initial stock. */
function openingState(row: Row, product: InventoryProduct): InventoryState {
  const onHand = num(row['opening_on_hand']);
  if (onHand === null) return emptyInventoryState(product);
  return {
    ...emptyInventoryState(product),
    onHand,
    unitsSold: num(row['opening_units_sold']) ?? 0,
    unitsReturned: num(row['opening_units_returned']) ?? 0,
    unitsRestocked: num(row['opening_units_restocked']) ?? 0,
    unitsAdjusted: num(row['opening_units_adjusted']) ?? 0,
    lastEventMs: num(row['opening_last_event_at']),
  };
}

function inventoryRow(sku: unknown, inventory: InventoryState, product: ProductFacts, atMs: number | null, eventTimeMs: number | null): Row {
  const f = inventoryFigures(inventory, product, atMs);
  return {
    sku,
    name: product.name,
    category: product.category,
    on_hand: f.onHand,
    units_sold: inventory.unitsSold,
    units_returned: inventory.unitsReturned,
    units_restocked: inventory.unitsRestocked,
    units_adjusted: inventory.unitsAdjusted,
    units_last_hour: f.unitsLastHour,
    units_last_24h: f.unitsLast24h,
    baseline_hourly_rate: product.baselineHourlyRate ?? 0,
    velocity_ratio: f.velocityRatio,
    forecast_24h: f.forecast24h,
    stockout_eta: f.stockoutEtaMs,
    reorder_suggestion: f.reorderSuggestion,
    current_price: product.currentPrice,
    low_stock: f.lowStock,
    last_event_at: inventory.lastEventMs,
    last_sale_at: inventory.lastSaleMs ?? null,
    figures_as_of: atMs,
    event_time: eventTimeMs ?? atMs,
  };
}

/** Folds this batch's events of one SKU (rows joined with the dimension) into its inventory. */
function foldEvents(before: InventoryState, rows: readonly Row[]): { after: InventoryState; batchMaxMs: number } {
  let batchMaxMs = Number.NEGATIVE_INFINITY;
  const events = rows.map((r) => {
    const eventTimeMs = Number(r['event_time']);
    if (eventTimeMs > batchMaxMs) batchMaxMs = eventTimeMs;
    return { type: r['type'] as SalesEventType, quantity: Number(r['quantity']), eventTimeMs };
  });
  return { after: applyInventoryEvents(before, events), batchMaxMs };
}

/** Batch: one call per SKU with all its events; figures as of `asOfMs` (never before its last event). */
function batchInventory(asOfMs: number | undefined) {
  return (key: Row, rows: readonly Row[]): Row[] => {
    const product = productOf(rows[0]);
    const { after, batchMaxMs } = foldEvents(openingState(rows[0], product), rows);
    return [inventoryRow(key['sku'], after, product, figuresTime(after, asOfMs), batchMaxMs)];
  };
}

/**
 * Processing time until the next check: when the figures change (in store-clock time, which runs at least
 * as fast as processing time), at most one check interval, rounded up to the check grid so that the quiet
 * SKUs of a partition are checked together in one no-data batch per interval, not one batch each.
 */
function checkAfter(processingMs: number, untilChangeMs: number, checkMs: number): number {
  const deadline = Math.ceil((processingMs + Math.min(checkMs, untilChangeMs)) / checkMs) * checkMs;
  return Math.max(1, deadline - processingMs);
}

/** A state checkpointed before decay existed is a bare InventoryState: the SKU re-opens from its live row (same counts, fresh windows). */
function currentState(stored: LiveInventoryState | InventoryState | undefined): LiveInventoryState | undefined {
  if (stored === undefined || 'inventory' in stored) return stored;
  return undefined;
}

/**
 * Stream: events update the state and always emit; a timeout call (no rows) emits only when the store
 * clock has passed the time the SKU's figures change. Figures are never computed at an earlier time than
 * the last ones (a late event cannot bring back sales that already left the window).
 */
function streamInventory(checkMs: number, delayMs: number) {
  return (key: Row, rows: readonly Row[], state: GroupState<LiveInventoryState>): Row[] => {
    const previous = currentState(state.get());
    const processingMs = state.currentProcessingTimeMs;
    const dataClockMs = state.currentWatermarkMs + delayMs;
    let inventory: InventoryState;
    let product: ProductFacts;
    let batchMaxMs: number | null = null;
    if (rows.length > 0) {
      product = productOf(rows[0]);
      const folded = foldEvents(previous?.inventory ?? openingState(rows[0], product), rows);
      inventory = folded.after;
      batchMaxMs = folded.batchMaxMs;
    } else if (previous) {
      ({ inventory, product } = previous);
    } else return [];
    const clock = anchorClock(previous?.clock, dataClockMs, processingMs);
    const atMs = Math.max(clockAt(clock, processingMs), previous?.figuresAsOfMs ?? Number.NEGATIVE_INFINITY, inventory.lastEventMs ?? Number.NEGATIVE_INFINITY);
    if (rows.length === 0 && previous && atMs < previous.nextChangeMs) {
      // nothing changed yet: keep the figures, remember the anchor, check again later
      if (clock !== previous.clock) state.update({ ...previous, clock });
      state.setTimeoutDuration(checkAfter(processingMs, previous.nextChangeMs - atMs, checkMs));
      return [];
    }
    const nextChangeMs = nextFiguresChange(inventory, atMs);
    state.update({ inventory, product, clock, figuresAsOfMs: atMs, nextChangeMs });
    state.setTimeoutDuration(checkAfter(processingMs, nextChangeMs - atMs, checkMs));
    return [inventoryRow(key['sku'], inventory, product, atMs, batchMaxMs)];
  };
}

/** Rows of LIVE_INVENTORY_SCHEMA: per SKU with events in the batch, and per SKU whose figures decayed (update mode). */
export function liveInventory(events: DataFrame, dimension: DataFrame, options: LiveInventoryOptions = {}): DataFrame {
  // the dedupe's watermark is the inventory's: its store clock is the watermark + the delay (the newest event)
  const delay = options.watermarkDelay ?? INVENTORY_DEDUPE_HORIZON;
  const joined = uniqueSalesEvents(events, delay, 'keep').join(dimension, 'sku', 'inner');
  if (!events.isStreaming) {
    return joined
      .groupByKey(col('sku'))
      .flatMapGroupsWithState(batchInventory(options.asOfMs), { outputSchema: LIVE_INVENTORY_SCHEMA, outputMode: 'update', timeout: 'none' });
  }
  const fn = streamInventory(parseDuration(options.decayCheck ?? DEFAULT_DECAY_CHECK), parseDuration(delay));
  return joined
    .groupByKey(col('sku'))
    .flatMapGroupsWithState<LiveInventoryState>(fn, { outputSchema: LIVE_INVENTORY_SCHEMA, outputMode: 'update', timeout: 'processingTime' });
}
