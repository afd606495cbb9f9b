// Live inventory per SKU: keyed state over the events joined with the product dimension
// (initial + restocks + returns − sales + adjustments), plus the velocity, forecast and reorder figures.
import { col, type DataFrame, type GroupState, type Row, schema } from '@shelfstream/engine';
import type { SalesEventType } from '../events/sales-event';
import { applyInventoryEvents, emptyInventoryState, inventoryFigures, type InventoryProduct, type InventoryState } from './inventory-state';
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
  /** Newest event time of this SKU in the batch (inventory_history.event_time). */
  event_time: 'timestamp',
});

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function productOf(row: Row): InventoryProduct {
  return {
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

/** The stateful function: fold this batch's events of one SKU into its state and emit its row. */
export function updateInventory(key: Row, rows: readonly Row[], state: GroupState<InventoryState>): Row {
  const dim = rows[0];
  const product = productOf(dim);
  const before = state.get() ?? openingState(dim, product);
  let batchMax = Number.NEGATIVE_INFINITY;
  const events = rows.map((r) => {
    const eventTimeMs = Number(r['event_time']);
    if (eventTimeMs > batchMax) batchMax = eventTimeMs;
    return { type: r['type'] as SalesEventType, quantity: Number(r['quantity']), eventTimeMs };
  });
  const after = applyInventoryEvents(before, events);
  state.update(after);
  const f = inventoryFigures(after, product);
  return {
    sku: key['sku'],
    name: dim['name'],
    category: dim['category'],
    on_hand: f.onHand,
    units_sold: after.unitsSold,
    units_returned: after.unitsReturned,
    units_restocked: after.unitsRestocked,
    units_adjusted: after.unitsAdjusted,
    units_last_hour: f.unitsLastHour,
    units_last_24h: f.unitsLast24h,
    baseline_hourly_rate: product.baselineHourlyRate ?? 0,
    velocity_ratio: f.velocityRatio,
    forecast_24h: f.forecast24h,
    stockout_eta: f.stockoutEtaMs,
    reorder_suggestion: f.reorderSuggestion,
    current_price: num(dim['current_price']),
    low_stock: f.lowStock,
    last_event_at: after.lastEventMs,
    event_time: batchMax,
  };
}

/** Rows of LIVE_INVENTORY_SCHEMA, one per SKU with events in the batch (update mode). */
export function liveInventory(events: DataFrame, dimension: DataFrame): DataFrame {
  return uniqueSalesEvents(events, INVENTORY_DEDUPE_HORIZON, 'keep')
    .join(dimension, 'sku', 'inner')
    .groupByKey(col('sku'))
    .mapGroupsWithState<InventoryState>(updateInventory, { outputSchema: LIVE_INVENTORY_SCHEMA, timeout: 'none' });
}
