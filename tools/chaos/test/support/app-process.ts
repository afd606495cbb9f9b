// The apps as child processes (exactly how they are deployed: their own CLIs), so a scenario can
// SIGKILL them and start them again. Each process is tracked so a failed test never leaves one behind.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

export type AppKind = 'pipeline' | 'pricing-bot' | 'api';

const APPS: Record<AppKind, { dir: string; ready: RegExp }> = {
  pipeline: { dir: 'apps/pipeline', ready: /stream: running/ },
  'pricing-bot': { dir: 'apps/pricing-bot', ready: /pricing-bot: worker started/ },
  api: { dir: 'apps/api', ready: /Shelfstream API on/ },
};

const running = new Set<AppProcess>();

export interface AppProcess {
  readonly kind: AppKind;
  readonly child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the process has exited (with its code, or null when killed by a signal). */
  readonly exited: Promise<number | null>;
  alive(): boolean;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  readonly env: Record<string, string>;
  /** Resolve once the ready line is printed (default), or at once. */
  readonly waitReady?: boolean;
  readonly readyTimeoutMs?: number;
  /** Entry file in the app folder (default src/main.ts). */
  readonly entry?: string;
}

/** Starts `node -r @swc-node/register <entry, default src/main.ts> ...args` in the app's folder. */
export async function startApp(kind: AppKind, args: readonly string[], options: StartOptions): Promise<AppProcess> {
  const app = APPS[kind];
  const child = spawn(process.execPath, ['-r', '@swc-node/register', options.entry ?? 'src/main.ts', ...args], {
    cwd: join(WORKSPACE_ROOT, app.dir),
    env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-200_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const proc: AppProcess = {
    kind,
    child,
    exited,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (proc.alive()) child.kill(signal);
      await exited;
      running.delete(proc);
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  if (options.waitReady === false) return proc;
  const timeoutMs = options.readyTimeoutMs ?? 90_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`[CHAOS_START] ${kind} not ready after ${timeoutMs} ms:\n${out.slice(-3000)}`)), timeoutMs);
    const check = () => {
      if (app.ready.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`[CHAOS_START] ${kind} exited (${code ?? child.signalCode}) before it was ready:\n${out.slice(-3000)}`));
    });
    check();
  });
  return proc;
}

/** Runs an app command to completion; rejects with its output when it fails. */
export async function runApp(kind: AppKind, args: readonly string[], env: Record<string, string>, entry?: string, timeoutMs = 180_000): Promise<string> {
  const proc = await startApp(kind, args, { env, waitReady: false, entry });
  const timer = setTimeout(() => void proc.kill(), timeoutMs);
  const code = await proc.exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`[CHAOS_RUN] ${kind} ${args.join(' ')} exited with ${code}:\n${proc.output().slice(-3000)}`);
  return proc.output();
}

/** SIGKILLs every app process this suite started that is still running. */
export async function killAllApps(): Promise<void> {
  await Promise.all([...running].map((p) => p.kill()));
}
