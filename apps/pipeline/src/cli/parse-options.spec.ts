import { describe, expect, it } from 'vitest';
import { durationMs, positiveInteger, positiveNumber, share } from './parse-options';

describe('option parsers', () => {
  it('parses durations', () => {
    expect(durationMs('100ms')).toBe(100);
    expect(durationMs('250')).toBe(250);
    expect(durationMs('2s')).toBe(2000);
    expect(durationMs('1 second')).toBe(1000);
    expect(durationMs('3m')).toBe(180_000);
    expect(() => durationMs('soon')).toThrowError(/duration/);
  });
  it('parses numbers and shares', () => {
    expect(positiveNumber('2.5')).toBe(2.5);
    expect(() => positiveNumber('0')).toThrowError(/positive/);
    expect(positiveInteger('12')).toBe(12);
    expect(() => positiveInteger('1.5')).toThrowError(/integer/);
    expect(share('0.05')).toBe(0.05);
    expect(() => share('2')).toThrowError(/share/);
  });
});
