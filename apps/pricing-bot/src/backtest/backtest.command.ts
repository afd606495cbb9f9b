// `pricing-bot backtest --from <history> --policy <config>`: replays history through the policy.
import { readFileSync } from 'node:fs';
import { DomainError, parsePricingPolicy } from '@shelfstream/domain';
import type { Command } from 'commander';
import { backtestInput } from './backtest-input';
import { writeBacktestReport } from './backtest-report';
import { DEFAULT_BACKTEST_SETTINGS, type BacktestSettings } from './backtest-settings';
import { hourlyVelocity, readRetailHistory, VELOCITY_SOURCE } from './retail-history';
import { runBacktest } from './run-backtest';

function positive(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new DomainError('INVALID_ARGUMENT', `--${name} must be a number > 0, got ${value}`);
    return n;
  };
}

export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('replay history through the velocity queries and the pricing policy; write a report')
    .requiredOption('--from <history>', 'folder of Online Retail day CSVs (YYYY-MM-DD.csv)')
    .option('--policy <config>', 'JSON file with a partial pricing policy (defaults fill the rest)')
    .option('--out <dir>', 'report folder', 'backtest-report')
    .option('--elasticity <n>', 'price elasticity of demand', positive('elasticity'), DEFAULT_BACKTEST_SETTINGS.elasticity)
    .option('--cover-days <n>', 'initial stock and reorder quantity in days of demand', positive('cover-days'), DEFAULT_BACKTEST_SETTINGS.coverDays)
    .action(async (opts: { from: string; policy?: string; out: string; elasticity: number; coverDays: number }) => {
      const policy = parsePricingPolicy(opts.policy ? (JSON.parse(readFileSync(opts.policy, 'utf8')) as unknown) : {});
      const settings: BacktestSettings = { ...DEFAULT_BACKTEST_SETTINGS, elasticity: opts.elasticity, coverDays: opts.coverDays };
      const t0 = performance.now();
      const seconds = () => ((performance.now() - t0) / 1000).toFixed(1);
      const history = readRetailHistory(opts.from);
      console.log(`read ${history.events.length} events, ${history.products.length} products (${seconds()} s)`);
      const velocity = await hourlyVelocity(history.events);
      console.log(`velocity query (batch): ${velocity.length} SKU-hours (${seconds()} s)`);
      const report = runBacktest(backtestInput(history.products, velocity, VELOCITY_SOURCE), policy, settings);
      for (const path of writeBacktestReport(report, opts.out)) console.log(`wrote ${path}`);
    });
}
