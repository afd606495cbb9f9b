// Rounding to price points happens last and never leaves the allowed interval.
import { describe, expect, it } from 'vitest';
import { applyGuardrails } from './guardrails';
import { DEFAULT_PRICING_POLICY as P } from './pricing-policy';
import { pricingInputs } from './pricing-test-inputs';

describe('price points', () => {
  it('rounds an in-bounds target to the nearest point', () => {
    const r = applyGuardrails(
      { rule: 'surge', target: 1364, reason: 't' },
      pricingInputs({ product: { currentPrice: 1299, basePrice: 1299 }, history: { priceDayAgo: 1299 } }),
      P,
    );
    expect(r).toMatchObject({ outcome: 'applied', price: 1349, limitedBy: null });
    expect(r.steps.at(-1)).toMatchObject({ rule: 'price-points', verdict: 'clip' });
  });

  it('leaves the price unchanged when the only point in bounds is the current price', () => {
    // 2.49 + 5% = 2.61; the cap allows up to 2.86, and the next point (2.99) is beyond it.
    const r = applyGuardrails(
      { rule: 'surge', target: 261, reason: 't' },
      pricingInputs({ product: { currentPrice: 249, basePrice: 249, unitCost: 100 }, history: { priceDayAgo: 249 } }),
      P,
    );
    expect(r).toMatchObject({ outcome: 'unchanged', price: 249, limitedBy: 'price-points' });
  });

  it('never rounds against the direction of the move', () => {
    // 0.42 + 5% = 0.44; the cap allows 0.36..0.48 and the only point there (0.39) would be a cut.
    const inputs = pricingInputs({ product: { currentPrice: 42, basePrice: 42, unitCost: 20 }, history: { priceDayAgo: 42 } });
    const r = applyGuardrails({ rule: 'surge', target: 44, reason: 't' }, inputs, P);
    expect(r).toMatchObject({ outcome: 'unchanged', price: 42, limitedBy: 'price-points' });
  });
});
