import { describe, expect, it } from 'vitest';
import { daysInMonth, impossibleCalendarField } from './calendar-fields';

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
