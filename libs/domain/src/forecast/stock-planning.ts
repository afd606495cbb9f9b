// From an hourly demand forecast to a stock-out time and a reorder quantity.
import { DomainError } from '../errors/domain-error';

const HOUR_MS = 3_600_000;

/**
 * When on-hand stock runs out, walking the hourly forecast from `fromMs` (linear within an hour).
 * Past the forecast's end the mean forecast rate continues. Null if demand is zero.
 */
export function stockoutEta(onHand: number, hourlyForecast: readonly number[], fromMs: number): number | null {
  if (onHand <= 0) return fromMs;
  let left = onHand;
  for (let h = 0; h < hourlyForecast.length; h++) {
    const demand = hourlyForecast[h];
    if (demand >= left && demand > 0) return Math.round(fromMs + (h + left / demand) * HOUR_MS);
    left -= demand;
  }
  const meanRate = hourlyForecast.reduce((a, b) => a + b, 0) / Math.max(1, hourlyForecast.length);
  if (meanRate <= 0) return null;
  return Math.round(fromMs + (hourlyForecast.length + left / meanRate) * HOUR_MS);
}

export interface ReorderInput {
  readonly onHand: number;
  /** Hourly forecast covering at least leadHours + reviewHours (shorter: its mean rate continues). */
  readonly hourlyForecast: readonly number[];
  readonly leadHours: number;
  /** How long an order must last after it arrives (default 7 days). */
  readonly reviewHours?: number;
  /** Stock to keep in hand on arrival (e.g. the low-stock threshold). */
  readonly safetyStock: number;
}

/** Units to order now so stock covers lead time + review period + safety; 0 if none needed. */
export function reorderSuggestion(input: ReorderInput): number {
  const { onHand, hourlyForecast, leadHours, safetyStock } = input;
  const reviewHours = input.reviewHours ?? 168;
  if (leadHours < 0 || reviewHours < 0 || safetyStock < 0) throw new DomainError('INVALID_ARGUMENT', 'lead, review and safety must be >= 0');
  const need = demandOver(hourlyForecast, leadHours + reviewHours) + safetyStock;
  return Math.max(0, Math.ceil(need - onHand));
}

/** Sum of the forecast over `hours`, extending with the mean rate past its end. */
export function demandOver(hourlyForecast: readonly number[], hours: number): number {
  const whole = Math.min(hours, hourlyForecast.length);
  let sum = 0;
  for (let h = 0; h < whole; h++) sum += hourlyForecast[h];
  if (hours > hourlyForecast.length && hourlyForecast.length > 0) {
    const mean = hourlyForecast.reduce((a, b) => a + b, 0) / hourlyForecast.length;
    sum += mean * (hours - hourlyForecast.length);
  }
  return sum;
}
