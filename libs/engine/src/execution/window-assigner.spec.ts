import { describe, expect, it } from 'vitest';
import { numberColumn } from '../columnar/column-data';
import { windowAssigner } from './window-assigner';
import type { BoundExpr } from '../analysis/bound-expr';

const time = {} as BoundExpr; // not evaluated by the assigner

/** Every [start, end) the assigner gives the row at time t (seconds -> ms). */
function windowsOf(spec: Parameters<typeof windowAssigner>[0], t: number): [number, number][] {
  const a = windowAssigner(spec);
  const starts = new Float64Array(1);
  const active = new Uint8Array(1);
  const out: [number, number][] = [];
  for (let k = 0; k < a.passes; k++) {
    a.assign(k, numberColumn(Float64Array.of(t * 1000)), 1, starts, active);
    if (active[0]) out.push([starts[0] / 1000, (starts[0] + a.lengthMs) / 1000]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

describe('window assigners', () => {
  it('sliding 10 s / 3 s: 27 is in 4 windows, 34 in 3 (Spark "sliding window grouping")', () => {
    const spec = { kind: 'time', time, sizeMs: 10_000, slideMs: 3_000, startMs: 0 } as const;
    expect(windowsOf(spec, 27)).toEqual([
      [18, 28],
      [21, 31],
      [24, 34],
      [27, 37],
    ]);
    expect(windowsOf(spec, 34)).toHaveLength(3);
  });
  it('tumbling with a negative start time and pre-epoch times', () => {
    expect(windowsOf({ kind: 'time', time, sizeMs: 10_000, slideMs: 10_000, startMs: -5_000 }, 30)).toEqual([[25, 35]]);
    expect(windowsOf({ kind: 'time', time, sizeMs: 10_000, slideMs: 10_000, startMs: 5_000 }, 2)).toEqual([[-5, 5]]);
  });
  it('session: each row opens [t, t + gap) and the assigner says its windows merge', () => {
    expect(windowsOf({ kind: 'session', time, gapMs: 10_000 }, 41)).toEqual([[41, 51]]);
    expect(windowAssigner({ kind: 'session', time, gapMs: 1 }).merging).toBe(true);
    expect(windowAssigner({ kind: 'time', time, sizeMs: 2, slideMs: 1, startMs: 0 }).merging).toBe(false);
  });
  it('a null time has no window', () => {
    const a = windowAssigner({ kind: 'session', time, gapMs: 5 });
    const active = new Uint8Array(1);
    a.assign(0, numberColumn(Float64Array.of(0), Uint8Array.of(0)), 1, new Float64Array(1), active);
    expect(active[0]).toBe(0);
  });
});
