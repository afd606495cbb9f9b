// Additive Holt-Winters (level, damped trend, daily seasonality) over hourly unit series. Pure values:
// fitting returns a model, updating returns a new model, so batch fitting and stream updates share it.
import { DomainError } from '../errors/domain-error';

export interface HoltWintersParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  /** Trend damping in (0, 1]; < 1 keeps long forecasts from running away. */
  readonly phi: number;
  readonly seasonLength: number;
}

export interface HoltWintersModel {
  readonly params: HoltWintersParams;
  readonly level: number;
  readonly trend: number;
  /** Seasonal offsets indexed by (hour position mod seasonLength). */
  readonly seasonals: readonly number[];
  /** Position (mod seasonLength) of the next observation. */
  readonly phase: number;
  /** Observations seen so far. */
  readonly n: number;
  /** Mean squared one-step-ahead error after the first two seasons. */
  readonly mse: number;
}

export const DEFAULT_HW_PARAMS: HoltWintersParams = { alpha: 0.2, beta: 0.02, gamma: 0.2, phi: 0.9, seasonLength: 24 };

function checkParams(p: HoltWintersParams): void {
  for (const key of ['alpha', 'beta', 'gamma'] as const) {
    if (!(p[key] >= 0 && p[key] <= 1)) throw new DomainError('INVALID_ARGUMENT', `${key} must be in [0, 1], got ${p[key]}`);
  }
  if (!(p.phi > 0 && p.phi <= 1)) throw new DomainError('INVALID_ARGUMENT', `phi must be in (0, 1], got ${p.phi}`);
  if (!Number.isInteger(p.seasonLength) || p.seasonLength < 1) throw new DomainError('INVALID_ARGUMENT', `seasonLength must be a positive integer`);
}

/**
 * Fits on an hourly series (index 0 = the hour at phase `startPhase`, e.g. its hour of day).
 * Needs at least two full seasons; the first two initialise level, trend and seasonals.
 */
export function fitHoltWinters(series: readonly number[], params: Partial<HoltWintersParams> = {}, startPhase = 0): HoltWintersModel {
  const p = { ...DEFAULT_HW_PARAMS, ...params };
  checkParams(p);
  const m = p.seasonLength;
  if (series.length < 2 * m) throw new DomainError('INSUFFICIENT_HISTORY', `need at least ${2 * m} hourly points, got ${series.length}`);
  const mean = (from: number) => series.slice(from, from + m).reduce((a, b) => a + b, 0) / m;
  const first = mean(0);
  const second = mean(m);
  // Detrended start: each season's mean sits at its middle hour, the trend is the slope between them.
  const trend = (second - first) / m;
  const centre = (m - 1) / 2;
  const seasonals = new Array<number>(m);
  for (let i = 0; i < m; i++) {
    const line = (i - centre) * trend;
    seasonals[(startPhase + i) % m] = (series[i] - first - line + (series[m + i] - second - line)) / 2;
  }
  const level = second + centre * trend;
  let model: HoltWintersModel = { params: p, level, trend, seasonals, phase: (startPhase + 2 * m) % m, n: 2 * m, mse: 0 };
  for (let i = 2 * m; i < series.length; i++) model = updateHoltWinters(model, series[i]);
  return model;
}

/** One observation in: returns the updated model (the stream calls this once per closed hour). */
export function updateHoltWinters(model: HoltWintersModel, value: number): HoltWintersModel {
  const { alpha, beta, gamma, phi, seasonLength: m } = model.params;
  const season = model.seasonals[model.phase];
  const predicted = model.level + phi * model.trend + season;
  const level = alpha * (value - season) + (1 - alpha) * (model.level + phi * model.trend);
  const trend = beta * (level - model.level) + (1 - beta) * phi * model.trend;
  const seasonals = model.seasonals.slice();
  seasonals[model.phase] = gamma * (value - level) + (1 - gamma) * season;
  const errors = model.n - 2 * m;
  const error = value - predicted;
  return {
    params: model.params,
    level,
    trend,
    seasonals,
    phase: (model.phase + 1) % m,
    n: model.n + 1,
    mse: (model.mse * errors + error * error) / (errors + 1),
  };
}

/** Forecast for the next `hours` hours; demand is never negative. */
export function forecastHoltWinters(model: HoltWintersModel, hours: number): number[] {
  const { phi, seasonLength: m } = model.params;
  const out: number[] = [];
  let damp = 0;
  let factor = 1;
  for (let h = 1; h <= hours; h++) {
    factor *= phi;
    damp += factor;
    out.push(Math.max(0, model.level + damp * model.trend + model.seasonals[(model.phase + h - 1) % m]));
  }
  return out;
}

const GRID = [0.05, 0.2, 0.5];

/** Picks alpha/beta/gamma from a small grid by the lowest one-step MSE. */
export function fitHoltWintersBest(series: readonly number[], startPhase = 0, seasonLength = 24): HoltWintersModel {
  let best: HoltWintersModel | undefined;
  for (const alpha of GRID) {
    for (const beta of [0, 0.02, 0.1]) {
      for (const gamma of GRID) {
        const model = fitHoltWinters(series, { alpha, beta, gamma, seasonLength }, startPhase);
        if (!best || model.mse < best.mse) best = model;
      }
    }
  }
  return best as HoltWintersModel;
}
