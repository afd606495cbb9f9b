// The replay's assumptions, all stated in the report.

export interface BacktestSettings {
  /** Constant price elasticity: demand = historical units × (price / base price)^(−elasticity). */
  readonly elasticity: number;
  /** Unit cost as a share of the base price (the catalog assumes 0.6). */
  readonly costShare: number;
  /** Stock at the start and each reorder quantity, in days of average demand. */
  readonly coverDays: number;
  /** Days replayed before the bot may act (baselines need history). */
  readonly warmupDays: number;
  /** Trailing days of the baseline, recomputed at each UTC midnight (the nightly job). */
  readonly baselineDays: number;
  /** Besides each sale (a pipeline notification), every SKU is evaluated this often (the sweep). */
  readonly sweepHours: number;
}

export const DEFAULT_BACKTEST_SETTINGS: BacktestSettings = Object.freeze({
  elasticity: 1.5,
  costShare: 0.6,
  coverDays: 14,
  warmupDays: 14,
  baselineDays: 28,
  sweepHours: 4,
});

/**
 * The sensitivity grid: every elasticity with every cost share (the main scenario is one of them). Under
 * constant elasticity e the margin-optimal price is cost × e / (e − 1): this grid puts it above the base
 * price (1.5/0.6: 1.8×, beyond the 1.5× ceiling), at it (2.5/0.6) and below it (4/0.4: 0.53×).
 */
export interface SensitivityGrid {
  readonly elasticities: readonly number[];
  readonly costShares: readonly number[];
}

export const DEFAULT_SENSITIVITY_GRID: SensitivityGrid = Object.freeze({
  elasticities: Object.freeze([1.5, 2.5, 4]),
  costShares: Object.freeze([0.4, 0.6]),
});
