import { describe, expect, it } from 'vitest';
import { encodeSalesEvent, stockDelta, type SalesEvent } from './sales-event';
import { DEFAULT_MAX_FUTURE_SKEW_MS, validateSalesRecord, type DeadLetterCode } from './sales-event-validation';

const good: SalesEvent = {
  event_id: 'e-1',
  type: 'sale',
  sku: '85123A',
  store: 'united-kingdom',
  quantity: 6,
  unit_price: 2.55,
  currency: 'GBP',
  event_time: '2010-12-01T08:26:00.000Z',
};

function withField(field: string, value: unknown): string {
  return JSON.stringify({ ...good, [field]: value });
}
function without(field: string): string {
  const copy: Record<string, unknown> = { ...good };
  delete copy[field];
  return JSON.stringify(copy);
}

describe('validateSalesRecord', () => {
  it('accepts a valid event from bytes and normalises the time to UTC', () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ ...good, event_time: '2010-12-01T09:26:00+01:00' }));
    const result = validateSalesRecord(bytes);
    expect(result).toEqual({ ok: true, event: good, eventTimeMs: Date.UTC(2010, 11, 1, 8, 26) });
  });

  it('round-trips encodeSalesEvent', () => {
    expect(validateSalesRecord(encodeSalesEvent(good))).toMatchObject({ ok: true, event: good });
  });

  it('accepts a negative adjustment', () => {
    expect(validateSalesRecord(withField('type', 'adjustment').replace('"quantity":6', '"quantity":-4'))).toMatchObject({
      ok: true,
      event: { type: 'adjustment', quantity: -4 },
    });
  });

  const cases: Array<[string, Uint8Array | string | null, DeadLetterCode]> = [
    ['null value', null, 'BAD_JSON'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0xfe]), 'BAD_ENCODING'],
    ['truncated JSON', '{"event_id": "x"', 'BAD_JSON'],
    ['an array', '[1,2]', 'NOT_AN_OBJECT'],
    ['a number', '42', 'NOT_AN_OBJECT'],
    ['missing sku', without('sku'), 'MISSING_FIELD'],
    ['null quantity', withField('quantity', null), 'MISSING_FIELD'],
    ['quantity as string', withField('quantity', '6'), 'WRONG_TYPE'],
    ['sku as number', withField('sku', 85123), 'WRONG_TYPE'],
    ['blank event id', withField('event_id', '  '), 'EMPTY_FIELD'],
    ['unknown type', withField('type', 'refund'), 'UNKNOWN_TYPE'],
    ['other currency', withField('currency', 'EUR'), 'BAD_CURRENCY'],
    ['fractional quantity', withField('quantity', 1.5), 'INVALID_QUANTITY'],
    ['zero quantity sale', withField('quantity', 0), 'INVALID_QUANTITY'],
    ['negative quantity sale', withField('quantity', -3), 'INVALID_QUANTITY'],
    ['absurd quantity', withField('quantity', 5_000_000), 'ABSURD_QUANTITY'],
    ['negative price', withField('unit_price', -0.01), 'INVALID_PRICE'],
    ['absurd price', withField('unit_price', 1e9), 'ABSURD_PRICE'],
    ['time without zone', withField('event_time', '2010-12-01 08:26:00'), 'BAD_TIMESTAMP'],
    ['impossible date', withField('event_time', '2010-13-45T08:26:00Z'), 'BAD_TIMESTAMP'],
    ['time in 1970', withField('event_time', '1970-01-01T00:00:00Z'), 'ABSURD_TIMESTAMP'],
    ['time in 2999', withField('event_time', '2999-01-01T00:00:00Z'), 'ABSURD_TIMESTAMP'],
    ['NUL in the sku', withField('sku', '85123A\u0000'), 'BAD_CHARACTER'],
    ['NUL in the type', withField('type', 'sale\u0000'), 'BAD_CHARACTER'],
    ['a newline in the store', withField('store', 'a\nb'), 'BAD_CHARACTER'],
    ['a 600 KB SKU', withField('sku', 'S'.repeat(600 * 1024)), 'FIELD_TOO_LONG'],
  ];
  it.each(cases)('rejects %s', (_name, raw, code) => {
    const result = validateSalesRecord(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.code).toBe(code);
      expect(result.message.length).toBeGreaterThan(0);
    }
  });

  describe('calendar checks on event_time (no roll-over)', () => {
    const at = (time: string) => validateSalesRecord(withField('event_time', time));
    it.each([
      ['February 30', '2026-02-30T10:00:00Z'],
      ['April 31', '2026-04-31T00:00:00Z'],
      ['hour 24', '2026-01-01T24:00:00Z'],
      ['minute 60', '2026-01-01T10:60:00Z'],
      ['second 60', '2026-01-01T10:00:60Z'],
      ['February 29 in a common year', '2025-02-29T12:00:00Z'],
      ['February 29 in a century common year', '2100-02-29T12:00:00Z'],
      ['month 00', '2026-00-10T12:00:00Z'],
      ['day 00', '2026-03-00T12:00:00Z'],
      ['zone offset minute 60', '2026-01-01T10:00:00+05:60'],
      ['zone offset hour 24', '2026-01-01T10:00:00+24:00'],
    ])('rejects %s with BAD_TIMESTAMP', (_name, time) => {
      const result = at(time);
      expect(result).toMatchObject({ ok: false, code: 'BAD_TIMESTAMP' });
      if (!result.ok) expect(result.message).toContain('not a real time');
    });
    it('accepts February 29 in a leap year', () => {
      expect(at('2024-02-29T23:59:59Z')).toMatchObject({ ok: true, eventTimeMs: Date.UTC(2024, 1, 29, 23, 59, 59) });
    });
    it('accepts the last day of each month and the last minute of a day', () => {
      expect(at('2026-04-30T23:59:00Z')).toMatchObject({ ok: true, eventTimeMs: Date.UTC(2026, 3, 30, 23, 59) });
      expect(at('2026-12-31T23:59:59.999Z')).toMatchObject({ ok: true, eventTimeMs: Date.UTC(2026, 11, 31, 23, 59, 59, 999) });
    });
    it.each([
      ['+05:30', '2026-03-01T05:30:00+05:30', Date.UTC(2026, 2, 1, 0, 0)],
      ['-09:30 across a day', '2026-02-28T20:00:00-09:30', Date.UTC(2026, 2, 1, 5, 30)],
      ['+14:00 across a leap day', '2024-02-29T02:00:00+14:00', Date.UTC(2024, 1, 28, 12, 0)],
    ])('accepts the offset %s and converts it to UTC', (_name, time, ms) => {
      expect(at(time)).toMatchObject({ ok: true, eventTimeMs: ms, event: { event_time: new Date(ms).toISOString() } });
    });
  });

  it('rejects an unknown SKU only when a catalog is given', () => {
    const raw = encodeSalesEvent(good);
    expect(validateSalesRecord(raw).ok).toBe(true);
    expect(validateSalesRecord(raw, { knownSkus: new Set(['22423']) })).toMatchObject({ ok: false, code: 'UNKNOWN_SKU' });
  });

  describe('event time against the receive time', () => {
    const received = Date.parse(good.event_time);
    it('rejects an event dated past the receive time plus the skew with EVENT_TIME_IN_FUTURE', () => {
      const future = withField('event_time', '2099-01-01T00:00:00Z');
      expect(validateSalesRecord(future, { receivedAtMs: received })).toMatchObject({ ok: false, code: 'EVENT_TIME_IN_FUTURE' });
      const sixMinutes = withField('event_time', new Date(received + 6 * 60_000).toISOString());
      expect(validateSalesRecord(sixMinutes, { receivedAtMs: received })).toMatchObject({ ok: false, code: 'EVENT_TIME_IN_FUTURE' });
      expect(validateSalesRecord(sixMinutes, { receivedAtMs: received, maxFutureSkewMs: 10 * 60_000 }).ok).toBe(true);
    });
    it('accepts an event up to the skew ahead, and any past one; without a receive time the check is off', () => {
      const atSkew = withField('event_time', new Date(received + DEFAULT_MAX_FUTURE_SKEW_MS).toISOString());
      expect(validateSalesRecord(atSkew, { receivedAtMs: received }).ok).toBe(true);
      expect(validateSalesRecord(encodeSalesEvent(good), { receivedAtMs: received + 86_400_000 }).ok).toBe(true);
      expect(validateSalesRecord(withField('event_time', '2099-01-01T00:00:00Z')).ok).toBe(true);
    });
  });

  it('never copies a NUL or a long value into the message', () => {
    const nulSku = validateSalesRecord(withField('sku', 'x\u0000y'), { knownSkus: new Set(['85123A']) });
    expect(nulSku).toMatchObject({ ok: false, message: '"sku" contains a control character: "x\\u0000y"' });
    const longSku = 'S'.repeat(600 * 1024);
    const results = [
      validateSalesRecord(withField('sku', longSku)),
      validateSalesRecord(withField('type', 'x'.repeat(200))),
      validateSalesRecord(withField('currency', 'E'.repeat(200))),
      validateSalesRecord(withField('event_time', 'T'.repeat(200))),
      validateSalesRecord(`{"sku": "${'\u0000'.repeat(5000)}`),
    ];
    for (const r of results) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message.length).toBeLessThan(500);
    }
  });

  it('honours a custom quantity bound', () => {
    expect(validateSalesRecord(withField('quantity', 500), { maxQuantity: 100 })).toMatchObject({ ok: false, code: 'ABSURD_QUANTITY' });
  });
});

describe('stockDelta', () => {
  it('subtracts sales and adds everything else, adjustments signed', () => {
    expect(stockDelta('sale', 3)).toBe(-3);
    expect(stockDelta('return', 3)).toBe(3);
    expect(stockDelta('restock', 3)).toBe(3);
    expect(stockDelta('adjustment', -3)).toBe(-3);
  });
});
