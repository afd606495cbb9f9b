// CLI: `pricing-bot worker` (default) runs the worker; `backtest` replays history; `kill-switch on|off|status`.
import 'reflect-metadata';
import { createLogger } from '@shelfstream/platform';
import { Command } from 'commander';
import { registerBacktestCommand } from './backtest/backtest.command';
import { commandBaselineRecomputer } from './baseline/command-baseline-recomputer';
import { loadPricingBotConfig } from './config/pricing-bot-config';
import { registerKillSwitchCommand } from './kill-switch/kill-switch.command';
import { startPricingBot } from './worker';

const program = new Command('pricing-bot').description('Shelfstream pricing bot');

program
  .command('worker', { isDefault: true })
  .description('evaluate prices on pipeline commit notifications and a periodic sweep')
  .action(async () => {
    const config = loadPricingBotConfig();
    const recomputeBaselines = config.BASELINE_COMMAND ? commandBaselineRecomputer(config.BASELINE_COMMAND) : null;
    await startPricingBot({ config, recomputeBaselines });
    createLogger('pricing-bot', config.LOG_LEVEL).info(`pricing-bot: worker started (queue ${config.QUEUE_PREFIX}:${config.REPRICING_QUEUE})`);
  });

registerKillSwitchCommand(program);
registerBacktestCommand(program);

program.parseAsync(process.argv).catch((error: unknown) => {
  const e = error as { code?: string; message?: string };
  createLogger('pricing-bot').fatal(`pricing-bot: ${e.code ? `[${e.code}] ` : ''}${e.message ?? String(error)}`);
  process.exit(1);
});
