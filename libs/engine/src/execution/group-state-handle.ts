// The GroupState object handed to the user function for one key in one batch.
import { EngineError } from '../errors/engine-error';
import type { GroupState, GroupStateTimeout } from '../plan/group-state-spec';
import { parseDuration } from '../types/duration';

export class GroupStateHandle<S> implements GroupState<S> {
  private value: S | undefined;
  private present: boolean;
  changed = false;
  /** Deadline set during this call (NaN = none); any call clears the previous one. */
  timeoutAt = Number.NaN;

  constructor(
    initial: S | undefined,
    private readonly timeout: GroupStateTimeout,
    readonly hasTimedOut: boolean,
    readonly currentWatermarkMs: number,
    readonly currentProcessingTimeMs: number,
  ) {
    // a private copy: changes only count through update(), as when Spark deserializes the state
    this.value = initial === undefined ? undefined : structuredClone(initial);
    this.present = initial !== undefined;
  }

  get exists(): boolean {
    return this.present;
  }
  get(): S | undefined {
    return this.value;
  }
  update(value: S): void {
    if (value === undefined || value === null) {
      throw new EngineError('INVALID_ARGUMENT', 'GroupState.update() needs a value; use remove() to drop the state');
    }
    this.value = value;
    this.present = true;
    this.changed = true;
  }
  remove(): void {
    this.value = undefined;
    this.present = false;
    this.changed = true;
    this.timeoutAt = Number.NaN;
  }
  setTimeoutDuration(duration: string | number): void {
    if (this.timeout !== 'processingTime') {
      throw new EngineError('INVALID_STATE_TIMEOUT', "setTimeoutDuration needs timeout: 'processingTime'");
    }
    const ms = parseDuration(duration, { what: 'timeout duration' });
    if (ms <= 0) throw new EngineError('INVALID_STATE_TIMEOUT', 'timeout duration must be > 0');
    this.timeoutAt = this.currentProcessingTimeMs + ms;
  }
  setTimeoutTimestamp(timestampMs: number): void {
    if (this.timeout !== 'eventTime') {
      throw new EngineError('INVALID_STATE_TIMEOUT', "setTimeoutTimestamp needs timeout: 'eventTime'");
    }
    if (timestampMs < this.currentWatermarkMs) {
      throw new EngineError('INVALID_STATE_TIMEOUT', `timeout timestamp ${timestampMs} is older than the watermark ${this.currentWatermarkMs}`);
    }
    this.timeoutAt = timestampMs;
  }
}
