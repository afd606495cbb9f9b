// The window-assigner seam: which windows each row's event time falls into. Tumbling and sliding
// windows are fixed (a row's windows never change); session windows merge: each row opens
// [t, t + gap) and the operator merges overlapping ones of a key (SEMANTICS.md (a), Spark's
// TimeWindowing / SessionWindowing rules).
import type { WindowSpec } from '../analysis/analyzed-plan';
import type { NumberColumn } from '../columnar/column-data';

export interface WindowAssigner {
  readonly kind: 'tumbling' | 'sliding' | 'session';
  /** Candidate windows per row come in passes 0..passes-1 (sliding: one per overlapping window). */
  readonly passes: number;
  /** Whether overlapping windows of one key merge into one (session windows). */
  readonly merging: boolean;
  /** Length of a row's window: end = start + lengthMs (window size, or the session gap). */
  readonly lengthMs: number;
  /**
   * Pass `pass` of `n` rows: row i's window start in starts[i], active[i] = 1 if the row has a window
   * in this pass (0 for a null time). Passes run in order 0, 1, ... over the same rows.
   */
  assign(pass: number, time: NumberColumn, n: number, starts: Float64Array, active: Uint8Array): void;
}

/** Start of the latest window of the grid (slide, offset) that contains t (remainder fixed for t < offset). */
function lastStart(t: number, slideMs: number, startMs: number): number {
  let r = (t - startMs) % slideMs;
  if (r < 0) r += slideMs;
  return t - r;
}

const known = (time: NumberColumn, i: number): 0 | 1 => (time.valid === null || time.valid[i] === 1 ? 1 : 0);

class TumblingWindows implements WindowAssigner {
  readonly kind = 'tumbling';
  readonly passes = 1;
  readonly merging = false;
  constructor(
    readonly lengthMs: number,
    private readonly startMs: number,
  ) {}

  assign(_pass: number, time: NumberColumn, n: number, starts: Float64Array, active: Uint8Array): void {
    const t = time.values;
    const W = this.lengthMs;
    for (let i = 0; i < n; i++) {
      const start = lastStart(t[i], W, this.startMs);
      starts[i] = start;
      active[i] = start + W > t[i] && known(time, i) === 1 ? 1 : 0;
    }
  }
}

class SlidingWindows implements WindowAssigner {
  readonly kind = 'sliding';
  readonly merging = false;
  readonly passes: number;
  private latest = new Float64Array(0);
  constructor(
    readonly lengthMs: number,
    private readonly slideMs: number,
    private readonly startMs: number,
  ) {
    this.passes = Math.ceil(lengthMs / slideMs);
  }

  assign(pass: number, time: NumberColumn, n: number, starts: Float64Array, active: Uint8Array): void {
    const t = time.values;
    if (pass === 0) {
      if (this.latest.length < n) this.latest = new Float64Array(n);
      for (let i = 0; i < n; i++) this.latest[i] = lastStart(t[i], this.slideMs, this.startMs);
    }
    // candidate k: latest start - k * slide, kept only if it still contains t (start <= t < end)
    const shift = pass * this.slideMs;
    const W = this.lengthMs;
    for (let i = 0; i < n; i++) {
      const start = this.latest[i] - shift;
      starts[i] = start;
      active[i] = start + W > t[i] && known(time, i) === 1 ? 1 : 0;
    }
  }
}

class SessionWindows implements WindowAssigner {
  readonly kind = 'session';
  readonly passes = 1;
  readonly merging = true;
  constructor(readonly lengthMs: number) {}

  assign(_pass: number, time: NumberColumn, n: number, starts: Float64Array, active: Uint8Array): void {
    starts.set(time.values.subarray(0, n));
    for (let i = 0; i < n; i++) active[i] = known(time, i);
  }
}

export function windowAssigner(spec: WindowSpec): WindowAssigner {
  if (spec.kind === 'session') return new SessionWindows(spec.gapMs);
  if (spec.slideMs === spec.sizeMs) return new TumblingWindows(spec.sizeMs, spec.startMs);
  return new SlidingWindows(spec.sizeMs, spec.slideMs, spec.startMs);
}
