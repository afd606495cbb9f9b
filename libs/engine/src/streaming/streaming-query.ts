// The handle of a running query: drives the trigger loop and exposes progress, processAllAvailable,
// stop and awaitTermination (Spark's StreamingQuery).
import { EventEmitter } from 'node:events';
import { describeError } from '../errors/error-text';
import { EngineError } from '../errors/engine-error';
import type { MicroBatchExecution } from './micro-batch-execution';
import type { StreamingQueryProgress } from './progress';
import type { Trigger } from './writer-config';
import { parseDuration } from '../types/duration';

const RECENT_PROGRESS = 100;

export interface StreamingQueryEvents {
  progress: [StreamingQueryProgress];
  terminated: [EngineError | null];
}

export class StreamingQuery extends EventEmitter<StreamingQueryEvents> {
  readonly recentProgress: StreamingQueryProgress[] = [];
  private stopped = false;
  private failure: EngineError | null = null;
  private finished = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private requests = 0;
  private idleWaiters: { generation: number; resolve: () => void; reject: (e: unknown) => void }[] = [];

  constructor(
    private readonly execution: MicroBatchExecution,
    private readonly trigger: Trigger | null,
    private readonly pollIntervalMs: number,
    private readonly onEnd: () => void,
  ) {
    super();
  }

  get id(): string {
    return this.execution.identity.id;
  }
  get runId(): string {
    return this.execution.identity.runId;
  }
  get name(): string {
    return this.execution.identity.name;
  }
  get isActive(): boolean {
    return !this.finished;
  }
  get lastProgress(): StreamingQueryProgress | undefined {
    return this.recentProgress[this.recentProgress.length - 1];
  }
  /** The global event-time watermark the next batch will run with (ms); the newest output's for several outputs. */
  get currentWatermarkMs(): number {
    return this.execution.watermarkMs;
  }
  /** Each output's watermark for the next batch (ms), by output name ('' for a query with one output). */
  get outputWatermarksMs(): Readonly<Record<string, number>> {
    return this.execution.outputWatermarksMs;
  }
  get exception(): EngineError | null {
    return this.failure;
  }

  /** Called by the execution after every batch. */
  recordProgress(progress: StreamingQueryProgress): void {
    this.recentProgress.push(progress);
    if (this.recentProgress.length > RECENT_PROGRESS) this.recentProgress.shift();
    this.emit('progress', progress);
  }

  start(): void {
    this.loop = this.run().then(
      () => this.terminate(null),
      (error) => this.terminate(error instanceof EngineError ? error : new EngineError('QUERY_FAILED', describeError(error), { cause: error })),
    );
  }

  private async run(): Promise<void> {
    const { trigger, execution } = this;
    if (trigger && 'once' in trigger) {
      // one batch with everything available (a pending replay counts), never a no-data batch
      await execution.runNext(false);
      return;
    }
    if (trigger && 'availableNow' in trigger) {
      // everything available (rate-limited sources take several batches), then the final no-data batch
      while (!this.stopped && (await execution.runNext(true)));
      return;
    }
    const intervalMs = trigger && 'processingTime' in trigger ? parseDuration(trigger.processingTime, { what: 'trigger interval' }) : 0;
    while (!this.stopped) {
      const generation = this.requests;
      const started = performance.now();
      const ran = await execution.runNext(true);
      if (!ran) this.releaseIdleWaiters(generation);
      if (this.stopped) break;
      const elapsed = performance.now() - started;
      const waitMs = ran ? Math.max(0, intervalMs - elapsed) : Math.max(intervalMs - elapsed, this.pollIntervalMs);
      if (waitMs > 0 || !ran) await this.sleep(waitMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private releaseIdleWaiters(generation: number): void {
    const ready = this.idleWaiters.filter((w) => w.generation <= generation);
    this.idleWaiters = this.idleWaiters.filter((w) => w.generation > generation);
    for (const w of ready) w.resolve();
  }

  private terminate(error: EngineError | null): void {
    this.failure = error;
    this.finished = true;
    for (const w of this.idleWaiters) {
      if (error) w.reject(error);
      else w.resolve();
    }
    this.idleWaiters = [];
    void this.execution.stopSources();
    this.onEnd();
    this.emit('terminated', error);
  }

  /** Resolves once everything available now is processed, including the no-data batches it causes. */
  processAllAvailable(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.finished) return Promise.resolve();
    const generation = ++this.requests;
    const done = new Promise<void>((resolve, reject) => this.idleWaiters.push({ generation, resolve, reject }));
    this.wake?.();
    return done;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop?.catch(() => undefined);
  }

  /** Waits for the query to end; rejects with its error. With a timeout, resolves false if still running. */
  async awaitTermination(timeoutMs?: number): Promise<boolean> {
    const loop = this.loop ?? Promise.resolve();
    if (timeoutMs === undefined) {
      await loop;
    } else {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([loop.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)))]);
      clearTimeout(timer);
      if (timedOut) return false;
    }
    if (this.failure) throw this.failure;
    return true;
  }
}
