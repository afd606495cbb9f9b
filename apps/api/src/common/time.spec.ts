import { describe, expect, it } from 'vitest';
import { parseTime } from './time';

describe('parseTime', () => {
  it('accepts real times with zones', () => {
    expect(parseTime('2024-02-29T23:59:59Z', 't').toISOString()).toBe('2024-02-29T23:59:59.000Z');
    expect(parseTime('2026-11-20T12:00:00+01:00', 't').toISOString()).toBe('2026-11-20T11:00:00.000Z');
  });

  it.each(['2026-02-30T00:00:00Z', '2026-04-31T00:00:00Z', '2026-01-01T24:00:00Z', '2025-02-29T10:00:00Z', '+275760-09-13T00:00:00Z', 'soon'])(
    'rejects %s instead of rolling it over',
    (text) => {
      expect(() => parseTime(text, 't')).toThrow(/real ISO-8601 time/);
    },
  );
});
