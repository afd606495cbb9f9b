import { describe, expect, it } from 'vitest';
import { KeyFailureLimiter } from './key-failure-limiter';

describe('KeyFailureLimiter', () => {
  it('blocks an IP after `limit` failures until its minute is over, other IPs unaffected', () => {
    let now = 1_000_000;
    const limiter = new KeyFailureLimiter(3, () => now);
    for (let i = 0; i < 2; i++) limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(60);
    expect(limiter.retryAfterSeconds('10.0.0.2')).toBe(0);
    now += 45_500;
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(15);
    now += 14_500;
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0);
    limiter.recordFailure('10.0.0.1');
    expect(limiter.retryAfterSeconds('10.0.0.1')).toBe(0); // a new window
  });
});
