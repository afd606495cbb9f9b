// Rounding to price points (pence endings such as .49 / .99) inside an allowed interval.
import type { Pence } from './money';

/**
 * The price point in [low, high] nearest to `target`; ties go to the one nearer `current`
 * (the smaller move). Null when no price point lies in the interval.
 */
export function nearestPricePoint(target: Pence, low: Pence, high: Pence, endings: readonly number[], current: Pence): Pence | null {
  if (low > high) return null;
  let best: Pence | null = null;
  const firstPound = Math.floor(low / 100);
  const lastPound = Math.floor(high / 100);
  for (let pound = firstPound; pound <= lastPound; pound++) {
    for (const ending of endings) {
      const p = pound * 100 + ending;
      if (p < low || p > high || p <= 0) continue;
      if (best === null) {
        best = p;
        continue;
      }
      const d = Math.abs(p - target) - Math.abs(best - target);
      if (d < 0 || (d === 0 && Math.abs(p - current) < Math.abs(best - current))) best = p;
    }
    // Points only get further from the target once we are past it.
    if (best !== null && pound * 100 > target + 100) break;
  }
  return best;
}

export function isPricePoint(price: Pence, endings: readonly number[]): boolean {
  return endings.includes(((price % 100) + 100) % 100);
}
