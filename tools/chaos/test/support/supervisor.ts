// A restart policy for an app process (what `restart: unless-stopped` does in docker/compose.yml):
// an exit the harness did not cause is counted, its output kept, and the process started again.
// "Recovers on its own" means the count stays 0.
import type { AppProcess } from './app-process';
import { sleep } from './wait';

export interface Supervised {
  current(): AppProcess;
  /** SIGKILL + start, not counted as an exit. */
  restart(): Promise<void>;
  /** Exits the harness did not cause. */
  exits(): number;
  exitOutputs(): string[];
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function supervise(start: () => Promise<AppProcess>): Promise<Supervised> {
  let running = true;
  let exits = 0;
  const outputs: string[] = [];
  /** Processes the harness stopped itself: their exit is not counted. */
  const stopped = new WeakSet<AppProcess>();
  let restarting: Promise<void> = Promise.resolve();
  let proc: AppProcess;
  // Each process's own exit event counts it (no polling, so an exit just before stop() is counted too).
  const watch = (p: AppProcess) => {
    proc = p;
    void p.exited.then(() => {
      if (!running || stopped.has(p)) return;
      exits++;
      outputs.push(p.output().slice(0, 2500));
      restarting = startAgain();
    });
  };
  const startAgain = async () => {
    while (running) {
      try {
        watch(await start());
        return;
      } catch (error) {
        outputs.push(`restart failed: ${(error as Error).message.slice(0, 500)}`);
        await sleep(1000); // backoff before the next attempt
      }
    }
  };
  watch(await start());
  return {
    current: () => proc,
    async restart() {
      stopped.add(proc);
      await proc.kill('SIGKILL');
      watch(await start());
    },
    exits: () => exits,
    exitOutputs: () => outputs,
    async stop(signal = 'SIGTERM') {
      running = false;
      await restarting;
      stopped.add(proc);
      await proc.kill(signal);
    },
  };
}
