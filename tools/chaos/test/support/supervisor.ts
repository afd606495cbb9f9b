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
  let proc = await start();
  let deliberate = false;
  let running = true;
  let exits = 0;
  const outputs: string[] = [];
  const loop = (async () => {
    while (running) {
      await sleep(200);
      if (running && !deliberate && !proc.alive()) {
        exits++;
        outputs.push(proc.output().slice(0, 2500));
        for (;;) {
          try {
            proc = await start();
            break;
          } catch (error) {
            outputs.push(`restart failed: ${(error as Error).message.slice(0, 500)}`);
            await sleep(1000);
          }
        }
      }
    }
  })();
  return {
    current: () => proc,
    async restart() {
      deliberate = true;
      try {
        await proc.kill('SIGKILL');
        proc = await start();
      } finally {
        deliberate = false;
      }
    },
    exits: () => exits,
    exitOutputs: () => outputs,
    async stop(signal = 'SIGTERM') {
      running = false;
      await loop;
      await proc.kill(signal);
    },
  };
}
