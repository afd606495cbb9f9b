// Malformed `sales` records: the domain's own kinds (malformRecord) plus kinds it does not generate
// (bytes that are not UTF-8, a null value, non-objects, bad currency, empty fields, zone-less times,
// zero quantities, absurd prices, deep nesting), and the poison that once stopped or skewed the stream
// (docs/reliability.md #7-#11: NUL characters, records past Kafka's message limit, events dated in the
// future). Each carries the dead-letter code the contract promises.
import { type DeadLetterCode, encodeSalesEvent, MALFORMED_KINDS, malformRecord, type SalesEvent } from '@shelfstream/domain';
import type { RawMessage } from './kafka-topics';

export interface MalformedRecord extends RawMessage {
  readonly kind: string;
  readonly code: DeadLetterCode;
}

type Breaker = (e: SalesEvent) => Buffer | string | null;

const json = (e: SalesEvent, patch: Record<string, unknown>) => JSON.stringify({ ...e, ...patch });
const HOUR = 3_600_000;

/** Extra kinds, each with the code the validation must answer (and how many of it, when not `perKind`). */
const EXTRA: Record<string, { code: DeadLetterCode; make: Breaker; count?: number }> = {
  NOT_UTF8: { code: 'BAD_ENCODING', make: () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]) },
  NULL_VALUE: { code: 'BAD_JSON', make: () => null },
  EMPTY_VALUE: { code: 'BAD_JSON', make: () => '' },
  JSON_ARRAY: { code: 'NOT_AN_OBJECT', make: (e) => JSON.stringify([e]) },
  JSON_NUMBER: { code: 'NOT_AN_OBJECT', make: () => '42' },
  USD: { code: 'BAD_CURRENCY', make: (e) => json(e, { currency: 'USD' }) },
  BLANK_STORE: { code: 'EMPTY_FIELD', make: (e) => json(e, { store: '   ' }) },
  ZONELESS_TIME: { code: 'BAD_TIMESTAMP', make: (e) => json(e, { event_time: e.event_time.replace('Z', '') }) },
  ZERO_SALE: { code: 'INVALID_QUANTITY', make: (e) => json(e, { type: 'sale', quantity: 0 }) },
  FRACTIONAL_QTY: { code: 'INVALID_QUANTITY', make: (e) => json(e, { quantity: 1.5 }) },
  HUGE_PRICE: { code: 'ABSURD_PRICE', make: (e) => json(e, { unit_price: 1e12 }) },
  SQL_IN_SKU: { code: 'UNKNOWN_SKU', make: (e) => json(e, { sku: "x'); DROP TABLE live_inventory; --" }) },
  NESTED_QTY: { code: 'WRONG_TYPE', make: (e) => json(e, { quantity: { $gt: 0 } }) },
  DEEP_NESTING: { code: 'NOT_AN_OBJECT', make: () => '['.repeat(5000) + ']'.repeat(5000) },
  // NUL anywhere (Postgres text refuses 0x00; the message used to copy it in) and other controls
  NUL_BYTES: { code: 'BAD_JSON', make: (e) => Buffer.concat([Buffer.from(encodeSalesEvent(e).slice(0, 30)), Buffer.from([0, 0, 0x7d])]) },
  NUL_IN_SKU: { code: 'BAD_CHARACTER', make: (e) => json(e, { sku: `${e.sku}\u0000` }) },
  NUL_IN_TYPE: { code: 'BAD_CHARACTER', make: (e) => json(e, { type: 'sale\u0000' }) },
  NUL_IN_STORE: { code: 'BAD_CHARACTER', make: (e) => json(e, { store: '\u0000' }) },
  NUL_IN_TIME: { code: 'BAD_CHARACTER', make: (e) => json(e, { event_time: `${e.event_time}\u0000` }) },
  ESCAPES_IN_ID: { code: 'BAD_CHARACTER', make: (e) => json(e, { event_id: `${e.event_id}\u001b[2J` }) },
  // past the Kafka message limit once dead-lettered (base64 + JSON): truncated with a marker
  HUGE_NON_JSON: { code: 'BAD_JSON', count: 2, make: () => Buffer.concat([Buffer.from('huge '), Buffer.alloc(900 * 1024, 0)]) },
  HUGE_SKU: { code: 'FIELD_TOO_LONG', count: 2, make: (e) => json(e, { sku: 'S'.repeat(600 * 1024) }) },
  LONG_EVENT_ID: { code: 'FIELD_TOO_LONG', make: (e) => json(e, { event_id: 'x'.repeat(300) }) },
  // dated after the time the broker received it: would push the watermark past every later sale
  FAR_FUTURE: { code: 'EVENT_TIME_IN_FUTURE', make: (e) => json(e, { event_time: '2099-06-01T00:00:00Z' }) },
  NEAR_FUTURE: { code: 'EVENT_TIME_IN_FUTURE', make: (e) => json(e, { event_time: new Date(Date.now() + 2 * HOUR).toISOString() }) },
  // JSON corner cases
  LONE_SURROGATE_SKU: { code: 'UNKNOWN_SKU', make: (e) => json(e, { sku: '\ud800' }) },
  UTF16_JSON: { code: 'BAD_JSON', make: (e) => Buffer.from(encodeSalesEvent(e), 'utf16le') }, // valid UTF-8 bytes, NUL every other one
  TRAILING_GARBAGE: { code: 'BAD_JSON', make: (e) => `${encodeSalesEvent(e)} }` },
  NAN_QTY: { code: 'BAD_JSON', make: (e) => encodeSalesEvent(e).replace(/"quantity":-?\d+/, '"quantity":NaN') },
  INFINITE_QTY: { code: 'WRONG_TYPE', make: (e) => encodeSalesEvent(e).replace(/"quantity":-?\d+/, '"quantity":1e999') },
  UNSAFE_INT_QTY: { code: 'ABSURD_QUANTITY', make: (e) => json(e, { quantity: 2 ** 53 + 2 }) },
  DUPLICATE_KEY_SKU: { code: 'UNKNOWN_SKU', make: (e) => `${encodeSalesEvent(e).slice(0, -1)},"sku":"NOPE"}` },
};

/** 4,000 small bad records sent at once, read in one batch: their dead letters pass the 1 MB request limit together. */
export const BURST = { kind: 'BURST_4000', code: 'NOT_AN_OBJECT' as DeadLetterCode, count: 4000 };

export function burstRecords(): MalformedRecord[] {
  return Array.from({ length: BURST.count }, (_, i) => ({
    kind: BURST.kind,
    code: BURST.code,
    key: `burst-${i}`,
    value: JSON.stringify(`${i} ${'z'.repeat(1000)}`),
  }));
}

/**
 * Impossible calendar times: valid ISO shape, no such instant. JavaScript's Date.parse rolls them
 * over (Feb 30 -> Mar 2); they have their own regression test (docs/reliability.md #1).
 */
export const IMPOSSIBLE_TIMES = ['2026-02-30T10:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2026-06-31T12:00:00+01:00'];

/** A record with a null value (a tombstone); once stopped the stream (docs/reliability.md #2, fixed). */
export const NULL_VALUE_CODE: DeadLetterCode = 'BAD_JSON';

/** `perKind` records of every kind, built from (copies of) valid events, with fresh event ids. */
export function malformedCorpus(base: readonly SalesEvent[], perKind: number): MalformedRecord[] {
  const out: MalformedRecord[] = [];
  let i = 0;
  const pick = () => {
    const e = base[i++ % base.length];
    return { ...e, event_id: `bad-${i}` };
  };
  for (const kind of MALFORMED_KINDS) {
    for (let n = 0; n < perKind; n++) {
      const e = pick();
      out.push({ kind, code: kind, key: e.sku, value: malformRecord(e, kind) });
    }
  }
  for (const [kind, { code, make, count }] of Object.entries(EXTRA)) {
    for (let n = 0; n < (count ?? perKind); n++) {
      const e = pick();
      out.push({ kind, code, key: e.sku, value: make(e) });
    }
  }
  return out;
}

// another valid quantity of the same sign and bounds (1 -> 2, 100000 -> 99999, -1 -> -2)
const otherQuantity = (q: number) => (Math.abs(q) === 1 ? q * 2 : q - Math.sign(q));

/**
 * Valid-looking copies that used to count twice: every `every`-th good record again `lag` records later
 * (same key, so the same partition, after the original), alternately identical and with another
 * quantity (the first copy of an event id wins). Not dead-lettered: counted once.
 */
export function withDuplicates(good: readonly RawMessage[], every = 400, lag = 50): { messages: RawMessage[]; copies: number } {
  const out: RawMessage[] = [];
  const due = new Map<number, RawMessage[]>();
  let copies = 0;
  good.forEach((m, i) => {
    out.push(m, ...(due.get(i) ?? []));
    due.delete(i);
    if (i % every !== 0 || i + lag >= good.length) return;
    const copy =
      copies++ % 2 === 0 ? m : { ...m, value: String(m.value).replace(/"quantity":(-?\d+)/, (_, q: string) => `"quantity":${otherQuantity(Number(q))}`) };
    due.set(i + lag, [...(due.get(i + lag) ?? []), copy]);
  });
  return { messages: out, copies };
}

/** Spreads `bad` evenly through `good` (deterministically), keeping the good ones in order. */
export function interleave<T>(good: readonly T[], bad: readonly T[]): T[] {
  const out: T[] = [];
  const every = Math.max(1, Math.floor(good.length / Math.max(1, bad.length)));
  let b = 0;
  good.forEach((g, i) => {
    out.push(g);
    if (i % every === every - 1 && b < bad.length) out.push(bad[b++]);
  });
  while (b < bad.length) out.push(bad[b++]);
  return out;
}
