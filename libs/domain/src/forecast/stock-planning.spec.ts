import { describe, expect, it } from 'vitest';
import { demandOver, reorderSuggestion, stockoutEta } from './stock-planning';

const T0 = Date.UTC(2011, 11, 1, 0);
const H = 3_600_000;

describe('stockoutEta', () => {
  it('interpolates inside the hour where demand crosses on-hand', () => {
    expect(stockoutEta(25, [10, 10, 10], T0)).toBe(T0 + 2.5 * H);
  });
  it('is now when nothing is left and null without demand', () => {
    expect(stockoutEta(0, [5], T0)).toBe(T0);
    expect(stockoutEta(10, [0, 0], T0)).toBeNull();
  });
  it('extends past the horizon at the mean rate', () => {
    expect(stockoutEta(40, [10, 10], T0)).toBe(T0 + 4 * H);
  });
});

describe('reorderSuggestion', () => {
  it('orders lead + review demand plus safety minus on-hand', () => {
    expect(reorderSuggestion({ onHand: 50, hourlyForecast: new Array(24).fill(2), leadHours: 48, reviewHours: 24, safetyStock: 10 })).toBe(72 * 2 + 10 - 50);
  });
  it('orders nothing when stock already covers it', () => {
    expect(reorderSuggestion({ onHand: 1000, hourlyForecast: [1], leadHours: 48, safetyStock: 5 })).toBe(0);
  });
  it('rejects negative lead times', () => {
    expect(() => reorderSuggestion({ onHand: 1, hourlyForecast: [1], leadHours: -1, safetyStock: 0 })).toThrowError(/>= 0/);
  });
  it('demandOver sums and extends', () => {
    expect(demandOver([1, 2, 3], 2)).toBe(3);
    expect(demandOver([1, 3], 4)).toBe(8);
  });
});
