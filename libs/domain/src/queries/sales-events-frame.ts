// The typed sales events every query starts from, and how raw inputs become them.
import { col, type DataFrame, type Duration, type LateRows, type RowOfSchema, schema } from '@shelfstream/engine';

/** Columns of validated events: what the stream's parse step and the history reader both produce. */
export const SALES_EVENTS_SCHEMA = schema({
  event_id: { type: 'string', nullable: false },
  type: { type: 'string', nullable: false },
  sku: { type: 'string', nullable: false },
  store: { type: 'string', nullable: false },
  quantity: { type: 'int', nullable: false },
  unit_price: { type: 'double', nullable: false },
  currency: { type: 'string', nullable: false },
  event_time: { type: 'timestamp', nullable: false },
});

/** A row of the validated events frame (event_time in ms) (an untyped frame is accepted too; analysis checks it). */
export type SalesEventRow = RowOfSchema<typeof SALES_EVENTS_SCHEMA>;

/** History files keep event_time as ISO text (both formats alike); the queries need a timestamp. */
export function typedSalesEvents(raw: DataFrame): DataFrame {
  return raw.select(
    ...SALES_EVENTS_SCHEMA.fields.map((f) =>
      col(f.name)
        .cast(f.type as 'string')
        .as(f.name),
    ),
  );
}

/**
 * The events with each event_id once (the contract says ids are unique; producers retry). The first
 * copy wins. In a stream an id is remembered until the watermark (newest event time − `horizon`)
 * passes its event time + `horizon`; a row behind the watermark is dropped (`lateRows: 'drop'`, what a
 * windowed query does with it anyway) or counted without the id check (`'keep'`, so no valid event
 * is lost). In batch every duplicate is dropped.
 */
export function uniqueSalesEvents(events: DataFrame<SalesEventRow>, horizon: Duration, lateRows: LateRows): DataFrame<SalesEventRow> {
  return events.withWatermark('event_time', horizon).dropDuplicatesWithinWatermark(['event_id'], { lateRows });
}
