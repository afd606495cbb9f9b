// A clock tests move by hand (batch timestamps, processing-time timeouts).
import type { Clock } from '../engine-context';

export class ManualClock implements Clock {
  constructor(private ms = 0) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(ms: number): void {
    this.ms = ms;
  }
}
