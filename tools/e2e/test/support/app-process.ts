// The apps as child processes, started exactly as deployed (`node -r @swc-node/register <app>/src/main.ts`),
// each tracked so the global teardown stops every one it started (SIGTERM, then SIGKILL after a deadline).
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export const WORKSPACE_ROOT = join(__dirname, '..', '..', '..', '..');

export type AppName = 'pipeline' | 'api' | 'pricing-bot';

/** The line each app prints once it serves. */
const READY: Record<AppName, RegExp> = {
  pipeline: /stream: running/,
  api: /Shelfstream API on (http:\/\/\S+)/,
  'pricing-bot': /pricing-bot: worker started/,
};

export interface AppProcess {
  readonly name: AppName;
  readonly child: ChildProcess;
  /** The ready line's match (for the API: its URL in group 1). */
  readonly ready: RegExpMatchArray;
  output(): string;
  stop(): Promise<void>;
}

const started = new Set<AppProcess>();

export async function startApp(name: AppName, args: readonly string[], env: Record<string, string>, readyTimeoutMs = 90_000): Promise<AppProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts', ...args], {
    cwd: join(WORKSPACE_ROOT, 'apps', name),
    env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const append = (d: Buffer) => (out = (out + d.toString()).slice(-100_000));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`not ready after ${readyTimeoutMs} ms`), readyTimeoutMs);
    function fail(why: string) {
      clearTimeout(timer);
      if (alive()) child.kill('SIGKILL');
      reject(new Error(`[E2E_START] ${name} ${why}:\n${out.slice(-3000)}`));
    }
    const check = () => {
      const match = READY[name].exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve(match);
    };
    child.stdout?.on('data', check);
    void exited.then(() => fail(`exited (${child.exitCode ?? child.signalCode}) before it was ready`));
  });
  const proc: AppProcess = {
    name,
    child,
    ready,
    output: () => out,
    async stop() {
      started.delete(proc);
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => alive() && child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  started.add(proc);
  return proc;
}

/** Stops every app process still running (teardown, also after a failed start). */
export async function stopAllApps(): Promise<void> {
  await Promise.all([...started].map((p) => p.stop()));
}
