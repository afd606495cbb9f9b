// The simulation's assumptions, all stated in the report.

export interface BacktestSettings {
  /** Constant price elasticity: demand = historical units × (price / base price)^(−elasticity). */
  readonly elasticity: number;
  /** Stock at the start and each reorder quantity, in days of average demand. */
  readonly coverDays: number;
  /** Days replayed before the bot may act (baselines need history). */
  readonly warmupDays: number;
  /** Trailing days of the baseline, recomputed at each midnight (the nightly job). */
  readonly baselineDays: number;
  /** Besides hours with sales (pipeline notifications), every SKU is evaluated this often (the sweep). */
  readonly sweepHours: number;
}

export const DEFAULT_BACKTEST_SETTINGS: BacktestSettings = Object.freeze({
  elasticity: 1.5,
  coverDays: 14,
  warmupDays: 14,
  baselineDays: 28,
  sweepHours: 6,
});
