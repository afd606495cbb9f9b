// `pricing-bot backtest`: replays the real history through the live policy and signals; writes the report.
import { readFileSync } from 'node:fs';
import { DomainError, parsePricingPolicy } from '@shelfstream/domain';
import type { Command } from 'commander';
import { writeBacktestReport } from './backtest-report';
import { DEFAULT_BACKTEST_SETTINGS, DEFAULT_SENSITIVITY_GRID, type SensitivityGrid } from './backtest-settings';
import { DEFAULT_RETAIL_DIR, readRetailHistory, type DayRange } from './retail-history';
import { runBacktest, type BacktestReport } from './run-backtest';

export interface BacktestOptions extends DayRange {
  readonly from: string;
  readonly policy?: string;
  readonly out: string;
  readonly grid?: SensitivityGrid;
}

/** Reads the history, replays every scenario, writes the report; what `npm run backtest` and its test run. */
export function backtest(opts: BacktestOptions, log: (line: string) => void = () => undefined): { report: BacktestReport; files: string[] } {
  const policy = parsePricingPolicy(opts.policy ? (JSON.parse(readFileSync(opts.policy, 'utf8')) as unknown) : {});
  const t0 = performance.now();
  const history = readRetailHistory(opts.from, opts);
  log(
    `read ${history.saleEvents} sales of ${history.products.length} products over ${history.days.length} days (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  const report = runBacktest(history, policy, DEFAULT_BACKTEST_SETTINGS, opts.grid ?? DEFAULT_SENSITIVITY_GRID, log);
  return { report, files: writeBacktestReport(report, opts.out) };
}

const day = (name: string) => (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new DomainError('INVALID_ARGUMENT', `--${name} must be YYYY-MM-DD, got ${value}`);
  return value;
};

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('replay the real history through the live signals and policy, with and without the bot; write a report')
    .option('--from <history>', 'folder of Online Retail day CSVs (YYYY-MM-DD.csv)', DEFAULT_RETAIL_DIR)
    .option('--since <day>', 'first day replayed (YYYY-MM-DD)', day('since'))
    .option('--until <day>', 'last day replayed (YYYY-MM-DD)', day('until'))
    .option('--policy <config>', 'JSON file with a partial pricing policy (defaults fill the rest)')
    .option('--out <dir>', 'report folder', 'backtest-report')
    .action((opts: BacktestOptions) => {
      const { files } = backtest(opts, console.log);
      for (const path of files) console.log(`wrote ${path}`);
    });
}
