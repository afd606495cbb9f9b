import { Field, Float64, Int32, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTime, parseJson } from './record-parser';

const schema = new Schema([
  new Field('sku', new Utf8(), false),
  new Field('qty', new Int32(), false),
  new Field('price', new Float64(), true),
  new Field('at', new TimestampMillisecond('UTC'), false),
]);
const parse = parseJson(schema);
const bytes = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));

describe('parseJson', () => {
  it('types the fields of a good record', () => {
    expect(parse(bytes({ sku: 'a', qty: 2, at: '2024-01-01T00:00:01.500Z', extra: 1 }))).toMatchObject({
      ok: true,
      value: { sku: 'a', qty: 2, price: null, at: Date.UTC(2024, 0, 1, 0, 0, 1, 500) },
    });
  });

  it.each([
    [Buffer.from([0xc3, 0x28]), 'BAD_ENCODING'],
    [bytes('{"sku":'), 'BAD_JSON'],
    [null, 'BAD_JSON'],
    [bytes('[1]'), 'NOT_AN_OBJECT'],
    [bytes({ qty: 1, at: '2024-01-01T00:00:00Z' }), 'MISSING_FIELD'],
    [bytes({ sku: 'a', qty: 1.5, at: '2024-01-01T00:00:00Z' }), 'WRONG_TYPE'],
    [bytes({ sku: 'a', qty: 1, at: '2024-01-01 00:00:00' }), 'WRONG_TYPE'],
  ])('rejects %s with %s', (raw, code) => {
    expect(parse(raw)).toMatchObject({ ok: false, code });
  });

  it('parses ISO times exactly as Date.parse does', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(0), max: new Date(Date.UTC(2200, 0, 1)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        expect(parseIsoTime(iso)).toBe(Date.parse(iso));
        expect(parseIsoTime(iso.replace('Z', '+02:00'))).toBe(Date.parse(iso.replace('Z', '+02:00')));
      }),
    );
    expect(parseIsoTime('2024-13-01T00:00:00.000Z')).toBeNaN();
  });
});
