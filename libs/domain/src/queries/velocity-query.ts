// Sales velocity per SKU: units, revenue and orders per event-time window (1 h sliding every 5 min,
// and 24 h tumbling = UTC days), with a watermark so late events are bounded and old windows evicted.
// A duplicated event_id counts once: a copy arriving within the watermark is dropped as a duplicate,
// a later one is late for its windows anyway.
// The 24 h window tumbles rather than slides: a sliding one would rewrite 24 rows per SKU per batch,
// and live_inventory.units_last_24h already carries the rolling 24 h figure.
import { col, count, type DataFrame, lit, sum, window } from '@shelfstream/engine';
import { type SalesEventRow, uniqueSalesEvents } from './sales-events-frame';

export interface VelocityWindow {
  /** Value of the window_kind column ('1h', '24h', '1d'). */
  readonly kind: string;
  readonly size: string;
  readonly slide?: string;
}

export const VELOCITY_1H: VelocityWindow = { kind: '1h', size: '1 hour', slide: '5 minutes' };
export const VELOCITY_24H: VelocityWindow = { kind: '24h', size: '24 hours' };
export const VELOCITY_WINDOWS = [VELOCITY_1H, VELOCITY_24H] as const;

/** How late an event may be and still count (it is dropped by the stream after that). */
export const VELOCITY_WATERMARK_DELAY_MS = 10 * 60_000;
export const VELOCITY_WATERMARK_DELAY = `${VELOCITY_WATERMARK_DELAY_MS / 60_000} minutes`;

/** Rows: sku, window_kind, window_start, window_end, units, revenue, orders (the sales_velocity table). */
export function salesVelocity(events: DataFrame<SalesEventRow>, spec: VelocityWindow, watermarkDelay = VELOCITY_WATERMARK_DELAY): DataFrame {
  return uniqueSalesEvents(events, watermarkDelay, 'drop')
    .filter(col('type').eq('sale'))
    .withColumn('line_revenue', col('quantity').multiply(col('unit_price')))
    .groupBy(window('event_time', spec.size, spec.slide), 'sku')
    .agg(sum('quantity').as('units'), sum('line_revenue').as('revenue'), count().as('orders'))
    .select(
      col('sku'),
      lit(spec.kind).as('window_kind'),
      col('window').getField('start').as('window_start'),
      col('window').getField('end').as('window_end'),
      col('units').cast('long').as('units'),
      col('revenue'),
      col('orders').cast('long').as('orders'),
    );
}
