// The pipeline CLI: `npm run pipeline -- --help` from the repository root (README).
import 'reflect-metadata';
import { Command } from 'commander';
import { loadCommand } from './commands/load.command';
import { migrateCommand } from './commands/migrate.command';
import { backfillCommand } from './commands/backfill.command';
import { streamCommand } from './commands/stream.command';
import { replayCommand } from './commands/replay.command';
import { seedCommand } from './commands/seed.command';
import { simulateCommand } from './commands/simulate.command';

export function pipelineProgram(): Command {
  return new Command('pipeline')
    .description('Shelfstream pipeline: load history, simulate and replay sales, stream and backfill the retail queries')
    .addCommand(loadCommand())
    .addCommand(migrateCommand())
    .addCommand(seedCommand())
    .addCommand(simulateCommand())
    .addCommand(replayCommand())
    .addCommand(backfillCommand())
    .addCommand(streamCommand());
}

if (require.main === module) {
  pipelineProgram()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      // text, for whoever typed the command: a bad option or config, or a failure to start (the running
      // stream logs its own failures as JSON before it exits)
      const e = error as { code?: string; message?: string };
      console.error(`pipeline: ${e.code ? `[${e.code}] ` : ''}${e.message ?? String(error)}`);
      process.exitCode = 1;
    });
}
