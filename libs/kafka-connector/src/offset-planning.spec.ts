import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetsBehind, planEndOffsets } from './offset-planning';

describe('planEndOffsets', () => {
  it('takes everything without a limit', () => {
    expect(
      planEndOffsets(
        new Map([
          [0, 5],
          [1, 0],
        ]),
        new Map([
          [0, 9],
          [1, 3],
        ]),
      ),
    ).toEqual(
      new Map([
        [0, 9],
        [1, 3],
      ]),
    );
  });

  it('never exceeds the limit or the latest offsets, and always makes progress', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 500 }), (parts, max) => {
        const from = new Map(parts.map(([f], p) => [p, f]));
        const latest = new Map(parts.map(([f, lag], p) => [p, f + lag]));
        const end = planEndOffsets(from, latest, max);
        let taken = 0;
        let lagTotal = 0;
        for (const [p, e] of end) {
          expect(e).toBeGreaterThanOrEqual(from.get(p)!);
          expect(e).toBeLessThanOrEqual(latest.get(p)!);
          taken += e - from.get(p)!;
          lagTotal += latest.get(p)! - from.get(p)!;
        }
        expect(taken).toBe(Math.min(max, lagTotal));
      }),
    );
  });
});

describe('offsetsBehind', () => {
  it('counts the records after the consumed offset per partition, never below 0, only where both are known', () => {
    const consumed = new Map([
      [0, 5],
      [1, 7],
      [2, 4],
    ]);
    const latest = new Map([
      [0, 9],
      [1, 7],
      [3, 12],
    ]);
    expect(offsetsBehind(consumed, latest)).toEqual(
      new Map([
        [0, 4],
        [1, 0],
      ]),
    );
    // a consumed offset past the latest seen (records arrived after the plan) is no lag, not a negative one
    expect(offsetsBehind(new Map([[0, 10]]), new Map([[0, 9]]))).toEqual(new Map([[0, 0]]));
  });
});
