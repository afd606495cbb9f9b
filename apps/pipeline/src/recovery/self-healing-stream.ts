// Keeps a streaming query running through transient outages: when it fails with a lost Kafka/Postgres
// connection, the stream is stopped and started again (same query name, so the same checkpoint:
// exactly once still holds) after an exponential backoff. A failure that is not
// transient, or an outage longer than `maxOutageMs` (no batch committed since it began), ends `run()`.
import type { ErrorCode } from '@shelfstream/platform';
import { isTransientFailure } from './transient-failure';

export interface RestartPolicy {
  /** First backoff; doubled after every failed restart up to maxDelayMs. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Give up when no batch has committed for this long since the first failure. */
  readonly maxOutageMs: number;
  /** A failed stream that does not stop within this long ends run() (never two runs on one checkpoint). */
  readonly stopTimeoutMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 10_000, maxOutageMs: 5 * 60_000, stopTimeoutMs: 60_000 };

/** What the supervisor needs of a query (StreamingQuery has it). */
export interface SupervisedQuery {
  readonly exception: Error | null;
  awaitTermination(): Promise<unknown>;
  once(event: 'progress', listener: () => void): unknown;
}

export interface RestartableStream {
  readonly query: SupervisedQuery;
  stop(): Promise<void>;
}

export interface SelfHealingOptions<S extends RestartableStream> {
  /** Starts the stream (resuming its checkpoints); called again for every restart. */
  readonly start: () => Promise<S>;
  /** An already started stream to supervise first (start() is then only called for restarts). */
  readonly initial?: S;
  readonly policy?: RestartPolicy;
  readonly log?: (line: string) => void;
  /** Called after every successful (re)start, e.g. to attach progress listeners. */
  readonly onStart?: (stream: S, restarts: number) => void;
  readonly isTransient?: (error: unknown) => boolean;
  readonly now?: () => number;
}

/** Thrown by run() when the stream could not be brought back within maxOutageMs. */
export class StreamOutageError extends Error {
  readonly code = 'STREAM_OUTAGE' satisfies ErrorCode;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class SelfHealingStream<S extends RestartableStream> {
  private stream: S | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private restartCount = 0;

  constructor(private readonly options: SelfHealingOptions<S>) {}

  /** The stream running now (undefined between a failure and its restart). */
  get current(): S | undefined {
    return this.stream;
  }
  get restarts(): number {
    return this.restartCount;
  }

  /** Runs until stop() (resolves) or a failure it does not recover from (rejects with it). */
  run(): Promise<void> {
    this.running ??= this.loop();
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running?.catch(() => undefined);
    const stream = this.stream;
    this.stream = undefined;
    await stream?.stop();
  }

  private async loop(): Promise<void> {
    const policy = this.options.policy ?? DEFAULT_RESTART_POLICY;
    const now = this.options.now ?? Date.now;
    const isTransient = this.options.isTransient ?? isTransientFailure;
    let delayMs = policy.initialDelayMs;
    let outageSince: number | undefined;
    let initial = this.options.initial;
    const healthy = () => {
      outageSince = undefined;
      delayMs = policy.initialDelayMs;
    };
    while (!this.stopping) {
      let failure: unknown;
      try {
        const stream = initial ?? (await this.options.start());
        initial = undefined;
        this.stream = stream;
        if (this.stopping) return;
        const { query } = stream;
        // a committed batch (data or not) ends the outage
        query.once('progress', healthy);
        this.options.onStart?.(stream, this.restartCount);
        await this.untilStopOr(query.awaitTermination().catch(() => undefined));
        if (this.stopping) return;
        failure = query.exception ?? new Error('the query ended without an error');
        this.stream = undefined;
        await this.stopWithin(stream, policy.stopTimeoutMs);
      } catch (error) {
        failure = error; // the start itself failed (e.g. Postgres or Kafka unreachable)
      }
      if (!isTransient(failure)) throw failure;
      outageSince ??= now();
      const outageMs = now() - outageSince;
      if (outageMs >= policy.maxOutageMs) {
        throw new StreamOutageError(`no batch committed for ${Math.round(outageMs / 1000)} s of restarts; last failure: ${messageOf(failure)}`, {
          cause: failure,
        });
      }
      this.restartCount++;
      this.options.log?.(
        `stream: transient failure, restart ${this.restartCount} in ${delayMs} ms (outage ${Math.round(outageMs / 1000)} s): ${messageOf(failure)}`,
      );
      await this.untilStopOr(new Promise<void>((resolve) => setTimeout(resolve, delayMs).unref()));
      delayMs = Math.min(delayMs * 2, policy.maxDelayMs);
    }
  }

  private async stopWithin(stream: S, timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const result = await Promise.race([stream.stop().catch(() => undefined), timeout]);
    clearTimeout(timer);
    if (result === 'timeout') throw new StreamOutageError(`the failed stream did not stop within ${timeoutMs} ms`);
  }

  /** Waits for `promise`, or less if stop() is called. */
  private untilStopOr(promise: Promise<unknown>): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      void promise.then(() => resolve());
    }).finally(() => (this.wake = undefined));
  }
}
