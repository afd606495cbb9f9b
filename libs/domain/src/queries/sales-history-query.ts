// Sales history: every validated event as it came in, with its stock effect (the sales_history table).
// The nightly baseline reads it (so it learns from live sales), and as-of reads sum it by event time.
import { col, type DataFrame, when } from '@shelfstream/engine';
import { SALES_EVENTS_SCHEMA } from './sales-events-frame';

/** Rows: the event columns + stock_delta (sale −q, else +q: the same rule as stockDelta). */
export function salesHistory(events: DataFrame): DataFrame {
  return events.select(
    ...SALES_EVENTS_SCHEMA.fields.map((f) => col(f.name)),
    when(col('type').eq('sale'), col('quantity').negate()).otherwise(col('quantity')).cast('int').as('stock_delta'),
  );
}
