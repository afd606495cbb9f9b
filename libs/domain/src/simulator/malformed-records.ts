// Deliberately broken `sales` records, one per dead-letter reason the validation must catch.
import type { DeadLetterCode } from '../events/sales-event-validation';
import type { SalesEvent } from '../events/sales-event';

export const MALFORMED_KINDS = [
  'BAD_JSON',
  'MISSING_FIELD',
  'WRONG_TYPE',
  'UNKNOWN_TYPE',
  'UNKNOWN_SKU',
  'ABSURD_QUANTITY',
  'ABSURD_TIMESTAMP',
  'INVALID_PRICE',
] as const satisfies readonly DeadLetterCode[];
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** Breaks a valid event in the way `kind` names; the validation answers with that code. */
export function malformRecord(event: SalesEvent, kind: MalformedKind): string {
  const record: Record<string, unknown> = { ...event };
  switch (kind) {
    case 'BAD_JSON':
      return JSON.stringify(record).slice(0, 40);
    case 'MISSING_FIELD':
      delete record['sku'];
      break;
    case 'WRONG_TYPE':
      record['quantity'] = String(event.quantity);
      break;
    case 'UNKNOWN_TYPE':
      record['type'] = 'refund';
      break;
    case 'UNKNOWN_SKU':
      record['sku'] = `NOPE-${event.sku}`;
      break;
    case 'ABSURD_QUANTITY':
      record['quantity'] = 9_999_999;
      break;
    case 'ABSURD_TIMESTAMP':
      record['event_time'] = '1970-01-01T00:00:00Z';
      break;
    case 'INVALID_PRICE':
      record['unit_price'] = -1;
      break;
  }
  return JSON.stringify(record);
}
