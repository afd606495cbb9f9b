import { describe, expect, it } from 'vitest';
import { isPricePoint, nearestPricePoint } from './price-points';

describe('nearestPricePoint', () => {
  const endings = [49, 99];
  it('picks the nearest ending inside the interval', () => {
    expect(nearestPricePoint(1049, 900, 1200, endings, 999)).toBe(1049);
    expect(nearestPricePoint(1364, 1100, 1500, endings, 1299)).toBe(1349);
    expect(nearestPricePoint(1380, 1100, 1500, endings, 1299)).toBe(1399);
  });
  it('never leaves the interval even when a nearer point lies outside', () => {
    expect(nearestPricePoint(1364, 1100, 1360, endings, 1299)).toBe(1349);
    expect(nearestPricePoint(1364, 1350, 1390, endings, 1299)).toBeNull();
  });
  it('breaks ties towards the current price', () => {
    expect(nearestPricePoint(1074, 900, 1200, endings, 999)).toBe(1049);
    expect(nearestPricePoint(1074, 900, 1200, endings, 1199)).toBe(1099);
  });
  it('recognises price points', () => {
    expect(isPricePoint(1049, endings)).toBe(true);
    expect(isPricePoint(1050, endings)).toBe(false);
  });
});
