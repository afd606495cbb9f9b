// How one Online Retail row becomes a sales event, or why it is left out (docs/retail-data.md).
import { SALES_CURRENCY, type SalesEvent } from '../events/sales-event';
import { retailTimeToIso, type RetailRow } from './retail-csv';

/** Stock items have 5 digits and at most two letters (85123A, 15056BL); everything else is not stock. */
const STOCK_CODE = /^\d{5}[A-Za-z]{0,2}$/;

export type RetailSkipReason =
  /** POST, DOT, M, C2, D, S, BANK CHARGES, AMAZONFEE, CRUK, gift vouchers, DCGS*, PADS, B. */
  | 'non-stock-code'
  /** Invoices starting with "A": "Adjust bad debt" bookkeeping, not goods. */
  | 'bookkeeping-invoice'
  /** An exact copy of an earlier row. */
  | 'duplicate-row'
  | 'negative-price'
  | 'zero-quantity';

export type RetailMapping = { readonly kind: 'event'; readonly event: SalesEvent } | { readonly kind: 'skipped'; readonly reason: RetailSkipReason };

export function isStockCode(stockCode: string): boolean {
  return STOCK_CODE.test(stockCode);
}

/** "United Kingdom" -> "united-kingdom": the country is the (online) store the order shipped to. */
export function storeOf(country: string): string {
  const slug = country
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug === '' ? 'unspecified' : slug;
}

/** Stable event id from the source position: the file's day and the 1-based data line number. */
export function retailEventId(day: string, line: number): string {
  return `or-${day}-${String(line).padStart(5, '0')}`;
}

/**
 * Maps one row (duplicates are removed before, see RetailDeduplicator):
 * - invoice "C…" (always negative): a cancellation or return, stock comes back -> return |q|;
 * - negative quantity on a normal invoice (price 0: "damaged", "check", ...) -> adjustment −|q| (write-off);
 * - price 0 and positive quantity, no customer ("found", "check", blank) -> adjustment +q;
 * - price 0 and positive quantity for a customer (a free item with an order) -> sale at 0;
 * - otherwise a positive quantity is a sale at UnitPrice.
 */
export function mapRetailRow(row: RetailRow, eventId: string): RetailMapping {
  if (row.invoiceNo.startsWith('A')) return { kind: 'skipped', reason: 'bookkeeping-invoice' };
  if (!isStockCode(row.stockCode)) return { kind: 'skipped', reason: 'non-stock-code' };
  if (row.unitPrice < 0) return { kind: 'skipped', reason: 'negative-price' };
  if (row.quantity === 0) return { kind: 'skipped', reason: 'zero-quantity' };
  const base = {
    event_id: eventId,
    sku: row.stockCode.toUpperCase(),
    store: storeOf(row.country),
    currency: SALES_CURRENCY,
    event_time: retailTimeToIso(row.invoiceDate),
  } as const;
  const q = Math.abs(row.quantity);
  if (row.invoiceNo.startsWith('C')) return { kind: 'event', event: { ...base, type: 'return', quantity: q, unit_price: row.unitPrice } };
  if (row.quantity < 0) return { kind: 'event', event: { ...base, type: 'adjustment', quantity: -q, unit_price: 0 } };
  if (row.unitPrice === 0 && row.customerId === null) return { kind: 'event', event: { ...base, type: 'adjustment', quantity: q, unit_price: 0 } };
  return { kind: 'event', event: { ...base, type: 'sale', quantity: q, unit_price: row.unitPrice } };
}

/** Remembers every raw line seen, so an exact duplicate (same text, any file) is reported once. */
export class RetailDeduplicator {
  private readonly seen = new Set<string>();

  /** True the first time a line is seen. */
  firstTime(rawLine: string): boolean {
    const key = rawLine.trimEnd();
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}
