import fc from 'fast-check';
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

describe('subscription parsing under random input', () => {
  it('either accepts or throws SubscriptionError, never anything else', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        try {
          parseSubscription(input);
        } catch (error) {
          expect(error).toBeInstanceOf(SubscriptionError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
