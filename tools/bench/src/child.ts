// Child processes of the bench: TypeScript scripts run with @swc-node/register, JSON lines on stdout.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { BenchError } from './flags';

export const ROOT = path.resolve(__dirname, '../../..');

export interface Child {
  readonly process: ChildProcess;
  /** Resolves with the JSON objects printed, when the child exits 0 (or was stopped by `stop`). */
  readonly done: Promise<Record<string, unknown>[]>;
  stop(): void;
}

/** Runs `command args` from the repository root; `onJson` sees each JSON line as it arrives. */
export function runJsonChild(command: string, args: readonly string[], onJson?: (line: Record<string, unknown>) => void, env?: NodeJS.ProcessEnv): Child {
  const child = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  const lines: Record<string, unknown>[] = [];
  let stopped = false;
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const text of parts) {
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      onJson?.(line);
    }
  });
  const done = new Promise<Record<string, unknown>[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0 || stopped) resolve(lines);
      else
        reject(
          new BenchError('BENCH_CHILD_FAILED', `${path.basename(args.find((a) => a.endsWith('.ts') || a.endsWith('.mjs')) ?? command)} exited with ${code}`),
        );
    });
  });
  return {
    process: child,
    done,
    stop() {
      stopped = true;
      child.kill('SIGTERM');
    },
  };
}

/** A bench TypeScript script in this folder, run by node with @swc-node/register. */
export function runBenchScript(
  script: string,
  args: readonly string[],
  onJson?: (line: Record<string, unknown>) => void,
  nodeFlags: readonly string[] = [],
): Child {
  return runJsonChild(process.execPath, [...nodeFlags, '-r', '@swc-node/register', path.join(__dirname, script), ...args], onJson, {
    SWC_NODE_PROJECT: path.join(ROOT, 'tools', 'bench', 'tsconfig.json'),
  });
}

/** `node scripts/peers.mjs <args>` (the peers' command line); resolves with its JSON lines. */
export function runPeersCommand(args: readonly string[]): Promise<Record<string, unknown>[]> {
  return runJsonChild(process.execPath, [path.join(ROOT, 'scripts', 'peers.mjs'), ...args]).done;
}

export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
