import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, impossibleCalendarField, parseTimestampText, timestampTextProblem } from './timestamp-text';

describe('parseTimestampText', () => {
  it('reads zone-less times as UTC, fast path and general path alike', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1971, 0, 1)), max: new Date(Date.UTC(2199, 0, 1)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString(); // 2024-01-02T03:04:05.678Z
        const seconds = Math.floor(d.getTime() / 1000) * 1000;
        expect(parseTimestampText(`${iso.slice(0, 10)} ${iso.slice(11, 19)}`)).toBe(seconds);
        expect(parseTimestampText(`${iso.slice(0, 10)}T${iso.slice(11, 23)}`)).toBe(d.getTime());
        expect(parseTimestampText(iso)).toBe(d.getTime());
        expect(parseTimestampText(`${iso.slice(0, 10)}`)).toBe(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      }),
    );
  });

  it('applies a zone when there is one', () => {
    expect(parseTimestampText('2026-01-01T10:00:00+02:00')).toBe(Date.UTC(2026, 0, 1, 8));
    expect(parseTimestampText('2026-01-01 10:00 -0530')).toBe(Date.UTC(2026, 0, 1, 15, 30));
    expect(parseTimestampText('2026-01-01 10:00:00 UTC')).toBe(Date.UTC(2026, 0, 1, 10));
    expect(parseTimestampText('0099-01-01')).toBe(new Date('0099-01-01T00:00:00Z').getTime()); // not 1999
  });

  it('is NaN for text that is not a time, or a time that does not exist', () => {
    for (const text of [
      '2024-01-0x 00:00:00',
      'hello',
      '2026-02-30 10:00',
      '2026-02-30 25:61',
      '2026-01-01 24:00',
      '2026-13-01',
      '01/02/2026 10:00',
      '2026-01-01T10:00+25:00',
    ]) {
      expect(parseTimestampText(text), text).toBeNaN();
    }
    expect(timestampTextProblem('2026-02-30 25:61')).toBe('no such time: day 30 (2026-02 has 28 days)');
    expect(timestampTextProblem('2026-01-01 10:00')).toBeUndefined();
  });
});

describe('impossibleCalendarField', () => {
  it('accepts real times, leap days included', () => {
    expect(impossibleCalendarField({ year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59 })).toBeUndefined();
    expect(impossibleCalendarField({ year: 2000, month: 2, day: 29 })).toBeUndefined();
  });

  it('names the first impossible field', () => {
    expect(impossibleCalendarField({ year: 2026, month: 2, day: 30 })).toBe('day 30 (2026-02 has 28 days)');
    expect(impossibleCalendarField({ year: 2100, month: 2, day: 29 })).toBe('day 29 (2100-02 has 28 days)');
    expect(impossibleCalendarField({ year: 2026, month: 13, day: 1 })).toBe('month 13');
    expect(impossibleCalendarField({ year: 2026, month: 1, day: 1, hour: 24 })).toBe('hour 24');
    expect(impossibleCalendarField({ year: 2026, month: 1, day: 1, minute: 60 })).toBe('minute 60');
  });

  it('knows the month lengths', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });
});
