// Daily and weekly shape of online retail demand (UTC), normalised so the weekly mean is 1.
const HOUR_MS = 3_600_000;

/** Relative demand by hour of day: quiet at night, a late-morning to mid-afternoon peak. */
const HOURLY = [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.4, 0.7, 1.1, 1.5, 1.8, 1.9, 2.0, 1.9, 1.7, 1.5, 1.3, 1.1, 1.0, 0.9, 0.8, 0.6, 0.4, 0.25];
/** Relative demand by day of week, Sunday first: weak Saturdays, as in the real data. */
const WEEKDAY = [0.8, 1.15, 1.15, 1.15, 1.2, 1.0, 0.35];

const MEAN = (HOURLY.reduce((a, b) => a + b, 0) / 24) * (WEEKDAY.reduce((a, b) => a + b, 0) / 7);

/** Multiplier of the mean rate at `timeMs` (linear between hours so rates never jump). */
export function demandFactor(timeMs: number): number {
  const date = new Date(timeMs);
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  const h0 = Math.floor(hour);
  const frac = hour - h0;
  const hourly = HOURLY[h0] * (1 - frac) + HOURLY[(h0 + 1) % 24] * frac;
  return (hourly * WEEKDAY[date.getUTCDay()]) / MEAN;
}

export const DEMAND_CYCLE_HOURS = { HOUR_MS, HOURLY, WEEKDAY } as const;
