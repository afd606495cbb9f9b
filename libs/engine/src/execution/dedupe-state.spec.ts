import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyText, parseKeyText } from './dedupe-state';

const keyValue = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom(NaN, Infinity, -Infinity));

describe('key text', () => {
  it('round-trips any key, non-finite numbers and look-alike strings included, NaN apart from null', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(keyValue, fc.constantFrom('{"nonFinite":"NaN"}', 'nonFinite')), { maxLength: 4 }), (values) => {
        expect(parseKeyText(keyText(values))).toEqual(values);
      }),
    );
    expect(keyText([NaN])).not.toBe(keyText([null]));
  });

  it('writes the same text as before the fast path (checkpoints keep their bytes)', () => {
    const tagged = (values: unknown[]) =>
      JSON.stringify(values, (_, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? { nonFinite: String(v) } : v));
    fc.assert(
      fc.property(fc.array(keyValue, { maxLength: 4 }), (values) => {
        expect(keyText(values)).toBe(tagged(values));
      }),
    );
  });
});
