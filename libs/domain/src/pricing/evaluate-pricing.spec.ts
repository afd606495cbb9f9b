import { describe, expect, it } from 'vitest';
import { evaluatePricing } from './evaluate-pricing';
import { HOUR_MS } from './money';
import { DEFAULT_PRICING_POLICY as P } from './pricing-policy';
import { SURGE, T0, pricingInputs } from './pricing-test-inputs';

describe('evaluatePricing', () => {
  it('no signal: no decision, the slow streak is remembered', () => {
    expect(evaluatePricing(pricingInputs({ velocity: { unitsLast24h: 1, onHand: 1000 } }), P)).toEqual({
      decision: null,
      nextState: { slowSince: T0, promotion: null, surge: null, normalSince: null },
    });
  });

  it('surge: an applied decision with its reason and reference price', () => {
    const { decision } = evaluatePricing(pricingInputs({ velocity: SURGE, history: { referencePrice: 899 } }), P);
    expect(decision).toMatchObject({ rule: 'surge', outcome: 'applied', oldPrice: 999, newPrice: 1049, referencePrice: 899, limitedBy: null });
    expect(decision?.reason).toMatch(/10 units in the last hour = 5\.0x baseline/);
  });

  it('slow mover: an applied discount starts a promotion that expires after the set time', () => {
    const inputs = pricingInputs({ velocity: { unitsLast24h: 1, onHand: 1000 }, state: { slowSince: T0 - 80 * HOUR_MS } });
    const { decision, nextState } = evaluatePricing(inputs, P);
    expect(decision).toMatchObject({ rule: 'slow-mover', outcome: 'applied', newPrice: 899 });
    expect(nextState).toEqual({
      slowSince: null,
      promotion: { regularPrice: 999, startedAt: T0, expiresAt: T0 + 48 * HOUR_MS },
      surge: null,
      normalSince: null,
    });
  });

  it('a blocked revert keeps the promotion so a later evaluation retries it', () => {
    const promotion = { regularPrice: 1099, startedAt: T0 - 48 * HOUR_MS, expiresAt: T0 };
    const { decision, nextState } = evaluatePricing(pricingInputs({ state: { promotion } }), { ...P, killSwitch: true });
    expect(decision).toMatchObject({ rule: 'promo-expiry', outcome: 'blocked', limitedBy: 'kill-switch' });
    expect(decision?.reason).toMatch(/blocked by kill-switch/);
    expect(nextState.promotion).toEqual(promotion);
  });
});
