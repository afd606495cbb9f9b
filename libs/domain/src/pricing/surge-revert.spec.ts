// Surge rises revert when velocity is back to normal, after a hold, inside their own bound.
import { describe, expect, it } from 'vitest';
import { evaluatePricing } from './evaluate-pricing';
import { DEFAULT_PRICING_POLICY as P } from './pricing-policy';
import { SURGE, T0, pricingInputs } from './pricing-test-inputs';

const MIN = 60_000;
const episode = { regularPrice: 999, startedAt: T0 - 3 * 60 * MIN };
const quiet = { unitsLastHour: 2, onHand: 10 }; // 1x the 2/h baseline

describe('surge revert', () => {
  it('an applied surge opens an episode remembering the pre-surge price', () => {
    const { nextState } = evaluatePricing(pricingInputs({ velocity: SURGE }), P);
    expect(nextState.surge).toEqual({ regularPrice: 999, startedAt: T0 });
    const again = evaluatePricing(pricingInputs({ velocity: SURGE, product: { currentPrice: 1049 }, state: { surge: nextState.surge } }), P);
    expect(again.nextState.surge).toEqual({ regularPrice: 999, startedAt: T0 }); // a second rise keeps the first price
  });

  it('normal velocity starts the hold; no revert before it has lasted revertHoldMinutes', () => {
    const first = evaluatePricing(pricingInputs({ velocity: quiet, product: { currentPrice: 1099 }, state: { surge: episode } }), P);
    expect(first.decision).toBeNull();
    expect(first.nextState).toMatchObject({ surge: episode, normalSince: T0 });
    const early = evaluatePricing(
      pricingInputs({ velocity: quiet, product: { currentPrice: 1099 }, state: { surge: episode, normalSince: T0 - 59 * MIN } }),
      P,
    );
    expect(early.decision).toBeNull();
  });

  it('velocity above the revert multiple breaks the hold', () => {
    const warm = { unitsLastHour: 4, onHand: 500 }; // 2x baseline: not normal, not a surge (plenty of stock)
    const r = evaluatePricing(pricingInputs({ velocity: warm, product: { currentPrice: 1099 }, state: { surge: episode, normalSince: T0 - 90 * MIN } }), P);
    expect(r.decision).toBeNull();
    expect(r.nextState.normalSince).toBeNull();
  });

  it('after the hold it goes back to the pre-surge price, explained, and closes the episode', () => {
    const inputs = pricingInputs({ velocity: quiet, product: { currentPrice: 1099 }, state: { surge: episode, normalSince: T0 - 60 * MIN } });
    const { decision, nextState } = evaluatePricing(inputs, P);
    expect(decision).toMatchObject({ rule: 'surge-revert', outcome: 'applied', oldPrice: 1099, proposedPrice: 999, newPrice: 999 });
    expect(decision?.reason).toMatch(
      /velocity back to normal: 2 units in the last hour <= 1.5x baseline 2.00\/h for 60 min: back towards the pre-surge price 9.99/,
    );
    expect(decision?.steps.map((s) => s.rule)).toContain('pre-surge-price');
    expect(nextState).toMatchObject({ surge: null, normalSince: null });
  });

  it('a revert capped by the per-decision bound steps down and keeps the episode open', () => {
    const inputs = pricingInputs({
      velocity: quiet,
      product: { currentPrice: 1499 },
      state: { surge: episode, normalSince: T0 - 90 * MIN },
      history: { priceDayAgo: 1499 },
    });
    const { decision, nextState } = evaluatePricing(inputs, P);
    expect(decision).toMatchObject({ rule: 'surge-revert', outcome: 'applied', limitedBy: 'max-change-per-decision' });
    expect(decision?.newPrice).toBeGreaterThan(999);
    expect(nextState.surge).toEqual(episode);
  });

  it('never goes below the pre-surge price: lands on it when no price point lies in between', () => {
    const odd = { regularPrice: 1055, startedAt: episode.startedAt }; // not a price point
    const inputs = pricingInputs({ velocity: quiet, product: { currentPrice: 1099 }, state: { surge: odd, normalSince: T0 - 90 * MIN } });
    expect(evaluatePricing(inputs, P).decision).toMatchObject({ outcome: 'applied', newPrice: 1055 });
  });

  it('an expired promotion of a cheap item goes back to its regular price with no price point in between', () => {
    const promotion = { regularPrice: 21, startedAt: T0 - 48 * 60 * MIN, expiresAt: T0 };
    const inputs = pricingInputs({ product: { currentPrice: 19, unitCost: 12, basePrice: 21 }, state: { promotion } });
    expect(evaluatePricing(inputs, { ...P, pricePointEndings: [9, 19, 29, 39, 49, 59, 69, 79, 89, 99] }).decision).toMatchObject({
      rule: 'promo-expiry',
      outcome: 'applied',
      newPrice: 21,
    });
  });

  it('is blocked by the cool-down like any rule, and the episode stays for a later try', () => {
    const inputs = pricingInputs({
      velocity: quiet,
      product: { currentPrice: 1099 },
      state: { surge: episode, normalSince: T0 - 90 * MIN },
      history: { lastChangeAt: T0 - 5 * MIN },
    });
    const { decision, nextState } = evaluatePricing(inputs, P);
    expect(decision).toMatchObject({ rule: 'surge-revert', outcome: 'blocked', limitedBy: 'cool-down' });
    expect(nextState.surge).toEqual(episode);
  });

  it('no slow-mover discount while a surge episode is open', () => {
    const slow = { unitsLast24h: 0, unitsLastHour: 0, onHand: 1000 };
    const r = evaluatePricing(pricingInputs({ velocity: slow, product: { currentPrice: 1099 }, state: { surge: episode, slowSince: T0 - 99 * 60 * MIN } }), {
      ...P,
      revertHoldMinutes: 600,
    });
    expect(r.decision).toBeNull();
    expect(r.nextState.slowSince).toBeNull();
  });
});
