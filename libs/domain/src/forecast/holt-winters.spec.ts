import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { fitHoltWinters, fitHoltWintersBest, forecastHoltWinters, updateHoltWinters } from './holt-winters';

// Demand that peaks at noon: 10 + 8·sin over the day, no noise.
const daily = (hour: number) => 10 + 8 * Math.sin(((hour % 24) - 6) * (Math.PI / 12));
const series = Array.from({ length: 24 * 14 }, (_, h) => daily(h));

describe('Holt-Winters', () => {
  it('learns a pure daily cycle and forecasts the next day closely', () => {
    const model = fitHoltWinters(series);
    const next = forecastHoltWinters(model, 24);
    next.forEach((value, h) => expect(value).toBeCloseTo(daily(series.length + h), 0));
    expect(model.mse).toBeLessThan(0.5);
  });

  it('respects the start phase: a series starting at 06:00 aligns seasonals by hour of day', () => {
    const shifted = Array.from({ length: 24 * 10 }, (_, h) => daily(h + 6));
    const model = fitHoltWinters(shifted, {}, 6);
    expect(model.phase).toBe((6 + shifted.length) % 24);
    expect(forecastHoltWinters(model, 24)[0]).toBeCloseTo(daily(6 + shifted.length), 0);
  });

  it('updating with one observation equals fitting on the longer series', () => {
    const fitted = fitHoltWinters(series.slice(0, -1));
    const updated = updateHoltWinters(fitted, series[series.length - 1]);
    const refit = fitHoltWinters(series);
    expect(updated.level).toBeCloseTo(refit.level, 10);
    expect(updated.seasonals).toEqual(refit.seasonals);
  });

  it('never forecasts negative demand', () => {
    const falling = Array.from({ length: 48 }, (_, h) => 100 - h);
    const undamped = forecastHoltWinters(fitHoltWinters(falling, { beta: 0.5, phi: 1 }), 200);
    expect(undamped[0]).toBeGreaterThan(0);
    expect(undamped[199]).toBe(0);
  });

  it('damps the trend: a rising series levels off far ahead', () => {
    const rising = Array.from({ length: 72 }, (_, h) => h);
    const far = forecastHoltWinters(fitHoltWinters(rising, { beta: 0.5, phi: 0.9 }), 400);
    expect(far[399] - far[375]).toBeLessThan(0.01);
    expect(far[0]).toBeGreaterThan(70);
  });

  it('grid search beats a poor fixed choice', () => {
    const noisy = series.map((v, i) => v + ((i * 7919) % 5) - 2);
    const best = fitHoltWintersBest(noisy);
    expect(best.mse).toBeLessThanOrEqual(fitHoltWinters(noisy, { alpha: 0.5, beta: 0.1, gamma: 0.05 }).mse);
  });

  it('rejects short series and bad parameters with codes', () => {
    expect(() => fitHoltWinters([1, 2, 3])).toThrowError(expect.objectContaining({ code: 'INSUFFICIENT_HISTORY' }) as DomainError);
    expect(() => fitHoltWinters(series, { alpha: 2 })).toThrowError(/alpha/);
  });
});
