// The JSON value on the `sales` topic (see docs/contracts.md). Field names are snake_case on the wire.
export const SALES_EVENT_TYPES = ['sale', 'return', 'restock', 'adjustment'] as const;
export type SalesEventType = (typeof SALES_EVENT_TYPES)[number];

export const SALES_CURRENCY = 'GBP';

export interface SalesEvent {
  readonly event_id: string;
  readonly type: SalesEventType;
  readonly sku: string;
  readonly store: string;
  /** > 0; for "adjustment" a signed non-zero integer. */
  readonly quantity: number;
  readonly unit_price: number;
  readonly currency: typeof SALES_CURRENCY;
  /** ISO-8601 with a zone, UTC. */
  readonly event_time: string;
}

/** Signed effect of an event on the stock on hand: sale −q, return +q, restock +q, adjustment +q. */
export function stockDelta(type: SalesEventType, quantity: number): number {
  return type === 'sale' ? -quantity : quantity;
}

/** Serialises an event for Kafka or NDJSON with a fixed field order. */
export function encodeSalesEvent(event: SalesEvent): string {
  return JSON.stringify({
    event_id: event.event_id,
    type: event.type,
    sku: event.sku,
    store: event.store,
    quantity: event.quantity,
    unit_price: event.unit_price,
    currency: event.currency,
    event_time: event.event_time,
  });
}
