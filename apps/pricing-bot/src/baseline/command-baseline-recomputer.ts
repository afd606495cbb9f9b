// A BaselineRecomputer that runs a command line, e.g. the pipeline's batch baseline query:
//   BASELINE_COMMAND="npm run --silent --prefix ../.. pipeline -- backfill --from apps/pipeline/data/history --only baseline"
// (apps never import each other; the bot runs the pipeline's CLI). The command's last JSON line may carry
// `baselineRows`, which becomes the SKU count.
import { exec } from 'node:child_process';
import type { ErrorCode } from '@shelfstream/platform';
import type { BaselineRecomputer } from './baseline-refresh.service';

export class BaselineCommandError extends Error {
  readonly code = 'BASELINE_COMMAND_FAILED' satisfies ErrorCode;
}

export function commandBaselineRecomputer(command: string, cwd = process.cwd()): BaselineRecomputer {
  return (asOf) =>
    new Promise((resolve, reject) => {
      exec(command, { cwd, env: { ...process.env, BASELINE_AS_OF: asOf.toISOString() }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) {
          reject(new BaselineCommandError(`baseline command failed (${error.code ?? error.signal}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
          return;
        }
        const last = stdout
          .trim()
          .split('\n')
          .reverse()
          .find((line) => line.startsWith('{'));
        let rows = 0;
        try {
          rows = Number((JSON.parse(last ?? '{}') as { baselineRows?: unknown }).baselineRows ?? 0) || 0;
        } catch {
          rows = 0;
        }
        resolve(rows);
      });
    });
}
