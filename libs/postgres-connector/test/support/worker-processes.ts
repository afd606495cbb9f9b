// Test workers as child processes (TypeScript run with SWC): a worker counts as up once it prints
// "started"; its stdout lines are kept per name; any worker can be SIGKILLed, all are at teardown.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export class WorkerProcesses {
  readonly logs = new Map<string, string[]>();
  private readonly running = new Set<ChildProcess>();

  constructor(private readonly script: string) {}

  /** Starts a worker; a worker SIGKILLed before it started (it may kill itself) resolves too. */
  start(env: Record<string, string>, name = 'worker'): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', this.script], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    this.running.add(child);
    const log: string[] = [];
    this.logs.set(name, log);
    child.on('exit', () => this.running.delete(child));
    return new Promise((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        log.push(...d.toString().trim().split('\n'));
        if (d.toString().includes('started')) resolve(child);
      });
      child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(child) : reject(new Error(`${name} exited with ${code}`))));
    });
  }

  /** The lines a worker printed so far. */
  log(name: string): string[] {
    return this.logs.get(name) ?? [];
  }

  kill(child: ChildProcess): Promise<void> {
    return new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  async killAll(): Promise<void> {
    await Promise.all([...this.running].map((child) => this.kill(child)));
  }
}
