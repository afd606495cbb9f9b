import { describe, expect, it } from 'vitest';
import { matches, parseSubscription, SubscriptionError } from './subscription';

describe('subscriptions', () => {
  it('matches all, categories and SKUs', () => {
    const all = parseSubscription({ all: true });
    const some = parseSubscription({ categories: ['tea'], skus: ['MUG-1'] });
    expect(matches(all, 'X', undefined)).toBe(true);
    expect(matches(some, 'T-1', 'tea')).toBe(true);
    expect(matches(some, 'MUG-1', 'mugs')).toBe(true);
    expect(matches(some, 'MUG-2', 'mugs')).toBe(false);
    expect(matches(some, 'T-9', undefined)).toBe(false);
  });

  it.each([null, 'all', [], {}, { all: 'yes' }, { categories: 'tea' }, { skus: [1] }, { skus: [''] }, { rooms: ['x'] }, { skus: Array(1001).fill('a') }])(
    'rejects %j',
    (input) => {
      expect(() => parseSubscription(input)).toThrow(SubscriptionError);
    },
  );
});
