import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads interval strings in Spark spellings', () => {
    expect(parseDuration('10 seconds')).toBe(10_000);
    expect(parseDuration('1 hour 30 minutes')).toBe(5_400_000);
    expect(parseDuration('interval 200 milliseconds')).toBe(200);
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1.5 hours')).toBe(5_400_000);
    expect(parseDuration(250)).toBe(250);
  });

  it('rejects months unless allowed (watermarks count 31 days)', () => {
    expect(() => parseDuration('1 month')).toThrow(expect.objectContaining({ code: 'INVALID_DURATION' }));
    expect(parseDuration('1 year', { allowMonths: true })).toBe(12 * 31 * 86_400_000);
  });

  it('rejects garbage with a code', () => {
    for (const bad of ['', 'soon', '10 parsecs', '10 seconds and more']) {
      expect(() => parseDuration(bad)).toThrow(expect.objectContaining({ code: 'INVALID_DURATION' }));
    }
  });
});
