// Global event-time watermark from the per-operator watermarks (SEMANTICS.md (b)): each operator's
// value = max event time seen - delay, never decreasing; operators with no data yet count as 0; the
// global value is the min (or max) of them and only moves forward.
import type { EventTimeStats } from '../execution/operators/watermark-operator';

export type WatermarkPolicy = 'min' | 'max';

export interface WatermarkInput {
  readonly watermarkId: number;
  readonly delayMs: number;
  readonly stats: EventTimeStats;
}

export class WatermarkTracker {
  private readonly perOperator = new Map<number, number>();

  constructor(
    private readonly policy: WatermarkPolicy,
    private globalMs = 0,
  ) {}

  get currentMs(): number {
    return this.globalMs;
  }

  /** Folds one finished batch's statistics in; returns the (possibly unchanged) global watermark. */
  update(inputs: readonly WatermarkInput[]): number {
    for (const input of inputs) {
      const previous = this.perOperator.get(input.watermarkId);
      if (input.stats.count > 0) {
        const candidate = input.stats.max - input.delayMs;
        if (previous === undefined || candidate > previous) this.perOperator.set(input.watermarkId, candidate);
      } else if (previous === undefined) this.perOperator.set(input.watermarkId, 0);
    }
    if (this.perOperator.size === 0) return this.globalMs;
    const values = [...this.perOperator.values()];
    const chosen = this.policy === 'min' ? Math.min(...values) : Math.max(...values);
    if (chosen > this.globalMs) this.globalMs = chosen;
    return this.globalMs;
  }
}
