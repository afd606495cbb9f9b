import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestampMs } from './text-values';

describe('parseTimestampMs', () => {
  it('reads zone-less CSV times as UTC, fast path and general path alike', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1971, 0, 1)), max: new Date(Date.UTC(2199, 0, 1)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString(); // 2024-01-02T03:04:05.678Z
        const seconds = Math.floor(d.getTime() / 1000) * 1000;
        expect(parseTimestampMs(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`)).toBe(seconds);
        expect(parseTimestampMs(`${iso.slice(0, 10)}T${iso.slice(11, 23)}`)).toBe(d.getTime());
        expect(parseTimestampMs(iso)).toBe(d.getTime());
      }),
    );
  });

  it('is NaN for text that is not a time', () => {
    expect(parseTimestampMs('2024-01-0x 00:00:00')).toBeNaN();
    expect(parseTimestampMs('hello')).toBeNaN();
  });
});
