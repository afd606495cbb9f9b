import { describe, expect, it } from 'vitest';
import { replayClock } from './replay.command';

describe('replayClock', () => {
  it('compresses time by the speed and can re-time events to the present', () => {
    const clock = replayClock(1_000_000, 50_000, 60, false);
    expect(clock(1_000_000 + 3_600_000)).toEqual({ due: 50_000 + 60_000, eventTimeMs: 1_000_000 + 3_600_000 });
    expect(replayClock(1_000_000, 50_000, 60, true)(1_000_000 + 60_000)).toEqual({ due: 51_000, eventTimeMs: 51_000 });
  });
});
