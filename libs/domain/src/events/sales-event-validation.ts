// Validation of raw `sales` records with precise reason codes; each failure becomes a dead letter.
import { SALES_CURRENCY, SALES_EVENT_TYPES, type SalesEvent, type SalesEventType } from './sales-event';
import { impossibleCalendarField } from '../time/calendar-fields';

export const DEAD_LETTER_CODES = [
  'BAD_ENCODING',
  'BAD_JSON',
  'NOT_AN_OBJECT',
  'MISSING_FIELD',
  'WRONG_TYPE',
  'EMPTY_FIELD',
  'UNKNOWN_TYPE',
  'BAD_CURRENCY',
  'INVALID_QUANTITY',
  'ABSURD_QUANTITY',
  'INVALID_PRICE',
  'ABSURD_PRICE',
  'BAD_TIMESTAMP',
  'ABSURD_TIMESTAMP',
  'EVENT_TIME_IN_FUTURE',
  'UNKNOWN_SKU',
  'BAD_CHARACTER',
  'FIELD_TOO_LONG',
] as const;
export type DeadLetterCode = (typeof DEAD_LETTER_CODES)[number];

export type ValidationResult =
  | { readonly ok: true; readonly event: SalesEvent; readonly eventTimeMs: number }
  | { readonly ok: false; readonly code: DeadLetterCode; readonly message: string };

export interface ValidationOptions {
  /** Known SKUs; when given, an event for another SKU is rejected with UNKNOWN_SKU. */
  readonly knownSkus?: ReadonlySet<string>;
  /** Largest accepted |quantity| (default 100,000: the dataset's biggest real order is 80,995). */
  readonly maxQuantity?: number;
  /** Largest accepted unit price (default 100,000 GBP). */
  readonly maxUnitPrice?: number;
  /** Accepted event-time range in ms (default 2000-01-01 .. 2100-01-01 UTC). */
  readonly minEventTimeMs?: number;
  readonly maxEventTimeMs?: number;
  /**
   * When the record was received (the Kafka record timestamp): an event time later than this plus
   * `maxFutureSkewMs` is rejected with EVENT_TIME_IN_FUTURE (it would push the watermark past every
   * later on-time event). Without it (history files) the check is off.
   */
  readonly receivedAtMs?: number;
  /** Default DEFAULT_MAX_FUTURE_SKEW_MS; keep it at or below the velocity watermark delay. */
  readonly maxFutureSkewMs?: number;
}

export const DEFAULT_MAX_QUANTITY = 100_000;
export const DEFAULT_MAX_UNIT_PRICE = 100_000;
export const DEFAULT_MIN_EVENT_TIME_MS = Date.UTC(2000, 0, 1);
export const DEFAULT_MAX_EVENT_TIME_MS = Date.UTC(2100, 0, 1);
/** 5 minutes: below the 10-minute velocity watermark delay, so no accepted event can make an on-time one late. */
export const DEFAULT_MAX_FUTURE_SKEW_MS = 5 * 60_000;
/** Longest accepted text field (a SKU, an id, a store name are short; a 600 KB SKU is an attack). */
export const MAX_TEXT_FIELD_LENGTH = 256;
/** Longest excerpt of a record's own text quoted in a message. */
const QUOTE_LENGTH = 80;

const STRING_FIELDS = ['event_id', 'type', 'sku', 'store', 'currency', 'event_time'] as const;
const NUMBER_FIELDS = ['quantity', 'unit_price'] as const;
// ISO-8601 date-time that names its zone (Z or ±hh:mm); a zone-less time is ambiguous.
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });
// C0 controls (NUL included) and DEL: never part of an id, a SKU or a time; Postgres text refuses NUL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A record's own text for a message: JSON-quoted (controls escaped, NUL as \u0000) and cut short. */
export function quoteValue(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const cut = text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH)}…` : text;
  return `${JSON.stringify(cut)}${text.length > QUOTE_LENGTH ? ` (${text.length} chars)` : ''}`;
}

// Messages may embed parser output (JSON.parse quotes the input); dead-letter sinks escape what remains.
function fail(code: DeadLetterCode, message: string): ValidationResult {
  return { ok: false, code, message: message.length > 400 ? `${message.slice(0, 400)}…` : message };
}

/** The first out-of-range field of an ISO_WITH_ZONE match (zone offset included), or undefined. */
function impossibleField(match: RegExpExecArray): string | undefined {
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = match.slice(1).map((f) => (f === undefined ? 0 : Number(f)));
  const field = impossibleCalendarField({ year, month, day, hour, minute, second });
  if (field) return field;
  if (offsetHours > 23 || offsetMinutes > 59) return `zone offset ${match[7]}:${match[8]}`;
  return undefined;
}

/** Parses and validates one raw record (bytes from Kafka, a string line, or an already parsed value). */
export function validateSalesRecord(raw: Uint8Array | string | null | undefined, options: ValidationOptions = {}): ValidationResult {
  if (raw === null || raw === undefined) return fail('BAD_JSON', 'empty record (null value)');
  let text: string;
  try {
    text = typeof raw === 'string' ? raw : utf8.decode(raw);
  } catch {
    return fail('BAD_ENCODING', 'record is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail('BAD_JSON', `not JSON: ${(error as Error).message}`);
  }
  return validateSalesValue(value, options);
}

/** Validates a parsed JSON value against the sales event contract. */
export function validateSalesValue(value: unknown, options: ValidationOptions = {}): ValidationResult {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return fail('NOT_AN_OBJECT', `expected a JSON object, got ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}`);
  }
  const record = value as Record<string, unknown>;
  for (const field of [...STRING_FIELDS, ...NUMBER_FIELDS]) {
    if (record[field] === undefined || record[field] === null) return fail('MISSING_FIELD', `missing field "${field}"`);
  }
  for (const field of STRING_FIELDS) {
    if (typeof record[field] !== 'string') return fail('WRONG_TYPE', `"${field}" must be a string, got ${typeof record[field]}`);
    const text = record[field];
    if (text.trim() === '') return fail('EMPTY_FIELD', `"${field}" must not be empty`);
    if (text.length > MAX_TEXT_FIELD_LENGTH)
      return fail('FIELD_TOO_LONG', `"${field}" has ${text.length} chars, more than ${MAX_TEXT_FIELD_LENGTH}: ${quoteValue(text)}`);
    if (CONTROL.test(text)) return fail('BAD_CHARACTER', `"${field}" contains a control character: ${quoteValue(text)}`);
  }
  for (const field of NUMBER_FIELDS) {
    const n = record[field];
    if (typeof n !== 'number' || !Number.isFinite(n))
      return fail('WRONG_TYPE', `"${field}" must be a finite number, got ${quoteValue(JSON.stringify(n) ?? typeof n)}`);
  }
  const type = record['type'] as string;
  if (!(SALES_EVENT_TYPES as readonly string[]).includes(type)) {
    return fail('UNKNOWN_TYPE', `unknown event type ${quoteValue(type)} (expected ${SALES_EVENT_TYPES.join(', ')})`);
  }
  if (record['currency'] !== SALES_CURRENCY) return fail('BAD_CURRENCY', `currency must be ${SALES_CURRENCY}, got ${quoteValue(record['currency'])}`);

  const quantity = record['quantity'] as number;
  const maxQuantity = options.maxQuantity ?? DEFAULT_MAX_QUANTITY;
  if (!Number.isInteger(quantity)) return fail('INVALID_QUANTITY', `quantity must be an integer, got ${quantity}`);
  if (type === 'adjustment' ? quantity === 0 : quantity <= 0) {
    return fail('INVALID_QUANTITY', type === 'adjustment' ? 'adjustment quantity must be non-zero' : `${type} quantity must be > 0, got ${quantity}`);
  }
  if (Math.abs(quantity) > maxQuantity) return fail('ABSURD_QUANTITY', `|quantity| ${Math.abs(quantity)} exceeds ${maxQuantity}`);

  const price = record['unit_price'] as number;
  if (price < 0) return fail('INVALID_PRICE', `unit_price must be >= 0, got ${price}`);
  const maxPrice = options.maxUnitPrice ?? DEFAULT_MAX_UNIT_PRICE;
  if (price > maxPrice) return fail('ABSURD_PRICE', `unit_price ${price} exceeds ${maxPrice}`);

  const eventTime = record['event_time'] as string;
  const fields = ISO_WITH_ZONE.exec(eventTime);
  if (!fields) return fail('BAD_TIMESTAMP', `event_time ${quoteValue(eventTime)} is not ISO-8601 with a zone`);
  const impossible = impossibleField(fields);
  if (impossible) return fail('BAD_TIMESTAMP', `event_time ${quoteValue(eventTime)} is not a real time: ${impossible}`);
  const eventTimeMs = Date.parse(eventTime);
  if (Number.isNaN(eventTimeMs)) return fail('BAD_TIMESTAMP', `event_time ${quoteValue(eventTime)} is not a valid date`);
  const minMs = options.minEventTimeMs ?? DEFAULT_MIN_EVENT_TIME_MS;
  const maxMs = options.maxEventTimeMs ?? DEFAULT_MAX_EVENT_TIME_MS;
  if (eventTimeMs < minMs || eventTimeMs >= maxMs) {
    return fail('ABSURD_TIMESTAMP', `event_time ${eventTime} is outside ${new Date(minMs).toISOString()} .. ${new Date(maxMs).toISOString()}`);
  }
  if (options.receivedAtMs !== undefined) {
    const skewMs = options.maxFutureSkewMs ?? DEFAULT_MAX_FUTURE_SKEW_MS;
    if (eventTimeMs > options.receivedAtMs + skewMs) {
      const received = new Date(options.receivedAtMs).toISOString();
      return fail('EVENT_TIME_IN_FUTURE', `event_time ${eventTime} is more than ${skewMs} ms after the record was received (${received})`);
    }
  }

  const sku = record['sku'] as string;
  if (options.knownSkus && !options.knownSkus.has(sku)) return fail('UNKNOWN_SKU', `unknown SKU ${quoteValue(sku)}`);

  const event: SalesEvent = {
    event_id: record['event_id'] as string,
    type: type as SalesEventType,
    sku,
    store: record['store'] as string,
    quantity,
    unit_price: price,
    currency: SALES_CURRENCY,
    event_time: new Date(eventTimeMs).toISOString(),
  };
  return { ok: true, event, eventTimeMs };
}
