// The common shape of a streaming fault scenario: the stream runs under a paced load, `faults` faults
// are injected at spread-out moments, and after each the time until the stream commits a new batch is
// the recovery time. A stream that exits on its own is restarted (as a container's restart policy
// would) and counted: "recovers on its own" means that count stays 0.
import type { SalesEvent } from '@shelfstream/domain';
import type { AppProcess } from './app-process';
import { produceOverTime, toMessage } from './sales-workload';
import type { StreamScenario } from './stream-scenario';
import { sleep, waitFor } from './wait';

export interface FaultRunOptions {
  readonly scenario: StreamScenario;
  readonly events: readonly SalesEvent[];
  readonly produceSeconds: number;
  readonly faults: number;
  /** Injects fault number `k`; may restart the stream itself through `run.restartStream()`. */
  inject(k: number, run: FaultRun): Promise<void>;
}

export interface FaultRun {
  stream(): AppProcess;
  /** SIGKILLs the stream and starts a new one (a deliberate restart, not counted as an exit). */
  restartStream(): Promise<void>;
}

export interface FaultRunResult {
  readonly recoveryMs: number[];
  /** Times the stream exited without being killed by the harness. */
  readonly unexpectedExits: number;
  /** Tail of the output of the processes that exited on their own. */
  readonly exitOutputs: string[];
  readonly catchUpMs: number;
}

export async function runFaults(options: FaultRunOptions): Promise<FaultRunResult> {
  const { scenario } = options;
  let stream = await scenario.startStream();
  let deliberate = false;
  let unexpectedExits = 0;
  const exitOutputs: string[] = [];
  let supervising = true;
  const supervisor = (async () => {
    while (supervising) {
      await sleep(200);
      if (!deliberate && !stream.alive() && supervising) {
        unexpectedExits++;
        exitOutputs.push(stream.output().slice(-1500));
        stream = await scenario.startStream().catch(async () => {
          await sleep(1000);
          return scenario.startStream();
        });
      }
    }
  })();
  const run: FaultRun = {
    stream: () => stream,
    async restartStream() {
      deliberate = true;
      try {
        await stream.kill('SIGKILL');
        stream = await scenario.startStream();
      } finally {
        deliberate = false;
      }
    },
  };
  try {
    const production = produceOverTime(scenario.topics, scenario.topic, options.events.map(toMessage), options.produceSeconds);
    const recoveryMs: number[] = [];
    const gap = (options.produceSeconds * 1000) / (options.faults + 1);
    for (let k = 0; k < options.faults; k++) {
      await sleep(gap * (0.5 + Math.random() * 0.5));
      const before = await scenario.lastBatch();
      const injectedAt = Date.now();
      await options.inject(k, run);
      await waitFor(`a new commit after fault ${k + 1}`, async () => ((await scenario.lastBatch()) > before ? true : undefined), 180_000, 100);
      recoveryMs.push(Date.now() - injectedAt);
    }
    await production.done;
    const catchUpMs = await waitFor('a running stream', async () => (stream.alive() ? true : undefined), 60_000).then(() => scenario.waitCaughtUp(stream));
    return { recoveryMs, unexpectedExits, exitOutputs, catchUpMs };
  } finally {
    supervising = false;
    await supervisor;
    deliberate = true;
    await stream.kill('SIGTERM');
  }
}
