// The common shape of a streaming fault scenario: the stream runs under a paced load, `faults` faults
// are injected at spread-out moments, and after each the time until the stream commits a new batch is
// the recovery time. The stream runs supervised (supervisor.ts): exits it was not told to make are counted.
import type { SalesEvent } from '@shelfstream/domain';
import type { AppProcess } from './app-process';
import { produceOverTime, toMessage } from './sales-workload';
import type { StreamScenario } from './stream-scenario';
import { supervise } from './supervisor';
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
  const stream = await supervise(() => scenario.startStream());
  const run: FaultRun = { stream: () => stream.current(), restartStream: () => stream.restart() };
  try {
    const production = produceOverTime(scenario.topics, scenario.topic, options.events.map(toMessage), options.produceSeconds);
    const recoveryMs: number[] = [];
    // Faults at spread-out moments of the load (with jitter), so they hit a stream with work to do.
    const started = Date.now();
    const gap = (options.produceSeconds * 1000) / (options.faults + 1);
    for (let k = 0; k < options.faults; k++) {
      await sleep(started + gap * (k + 0.75 + Math.random() * 0.5) - Date.now());
      const before = await scenario.lastBatch();
      const injectedAt = Date.now();
      await options.inject(k, run);
      // Recovered: a new batch committed, or (load already over) a live stream with nothing left to do.
      await waitFor(
        `a new commit after fault ${k + 1}`,
        async () => ((await scenario.lastBatch()) > before || (stream.current().alive() && (await scenario.isCaughtUp())) ? true : undefined),
        180_000,
        100,
      );
      recoveryMs.push(Date.now() - injectedAt);
    }
    await production.done;
    const catchUpMs = await waitFor('a running stream', async () => (stream.current().alive() ? true : undefined), 60_000).then(() =>
      scenario.waitCaughtUp(stream.current()),
    );
    return { recoveryMs, unexpectedExits: stream.exits(), exitOutputs: stream.exitOutputs(), catchUpMs };
  } finally {
    await stream.stop();
  }
}
