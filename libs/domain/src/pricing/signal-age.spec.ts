// Stale evidence: backfilled history or a stalled pipeline is never acted on, and the decision says so.
import { describe, expect, it } from 'vitest';
import { evaluatePricing } from './evaluate-pricing';
import { DAY_MS, HOUR_MS } from './money';
import { DEFAULT_PRICING_POLICY as P } from './pricing-policy';
import { SURGE, T0, pricingInputs } from './pricing-test-inputs';

const BACKFILLED = Date.UTC(2011, 11, 9, 12, 0);

describe('signal age', () => {
  it('a surge whose newest sale is from backfilled history is ignored and recorded as such', () => {
    const inputs = pricingInputs({ velocity: { ...SURGE, lastSaleAt: BACKFILLED, asOf: BACKFILLED } });
    const { decision, nextState } = evaluatePricing(inputs, P);
    expect(decision).toMatchObject({ rule: 'surge', outcome: 'ignored', limitedBy: 'signal-age', newPrice: 999 });
    expect(decision?.steps).toEqual([expect.objectContaining({ rule: 'signal-age', verdict: 'block' })]);
    expect(decision?.reason).toMatch(/ignored: signal-age \(figures from 2011-12-09T12:00:00.000Z are \d+\.\d days old > 30 min\)/);
    expect(nextState).toEqual(inputs.state);
  });

  it('the limit is the policy: 31 minutes is stale at 30, fresh at 45', () => {
    const inputs = pricingInputs({ velocity: { ...SURGE, lastSaleAt: T0 - 31 * 60_000 } });
    expect(evaluatePricing(inputs, P).decision?.outcome).toBe('ignored');
    expect(evaluatePricing(inputs, { ...P, maxSignalAgeMinutes: 45 }).decision?.outcome).toBe('applied');
  });

  it('a slow mover is judged on the time of the figures, not of the last sale', () => {
    const slow = { unitsLast24h: 0, unitsLastHour: 0, onHand: 1000, lastSaleAt: T0 - 10 * DAY_MS };
    const state = { slowSince: T0 - 80 * HOUR_MS };
    expect(evaluatePricing(pricingInputs({ velocity: { ...slow, asOf: T0 - 60_000 }, state }), P).decision?.outcome).toBe('applied');
    const stale = evaluatePricing(pricingInputs({ velocity: { ...slow, asOf: BACKFILLED }, state }), P);
    expect(stale.decision).toMatchObject({ rule: 'slow-mover', outcome: 'ignored' });
  });

  it('stale figures neither start nor end a slow streak', () => {
    const slow = { unitsLast24h: 0, unitsLastHour: 0, onHand: 1000, asOf: BACKFILLED };
    expect(evaluatePricing(pricingInputs({ velocity: slow }), P).nextState.slowSince).toBeNull();
    const since = T0 - HOUR_MS;
    expect(evaluatePricing(pricingInputs({ velocity: { ...slow, unitsLast24h: 500 }, state: { slowSince: since } }), P).nextState.slowSince).toBe(since);
  });

  it('an expired promotion is reverted whatever the age of the figures (it acts on time alone)', () => {
    const promotion = { regularPrice: 1099, startedAt: T0 - 48 * HOUR_MS, expiresAt: T0 };
    const { decision } = evaluatePricing(pricingInputs({ velocity: { asOf: null, lastSaleAt: null }, state: { promotion } }), P);
    expect(decision).toMatchObject({ rule: 'promo-expiry', outcome: 'applied', newPrice: 1099 });
  });
});
