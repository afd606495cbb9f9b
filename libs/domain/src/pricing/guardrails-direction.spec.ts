// Scenario: the price already sits above the per-day band (the policy was tightened). A surge must not
// become a cut: the decision is unchanged and names the cap; only the floor/ceiling may force a move.
import { describe, expect, it } from 'vitest';
import { applyGuardrails } from './guardrails';
import { DEFAULT_PRICING_POLICY as P } from './pricing-policy';
import { pricingInputs } from './pricing-test-inputs';

describe('a surge when the price is above the per-day band', () => {
  it('leaves the price unchanged, limited by max-change-per-day', () => {
    const inputs = pricingInputs({ product: { currentPrice: 1149, basePrice: 999 }, history: { priceDayAgo: 899, lastChangeAt: 0, changesLast24h: 1 } });
    const r = applyGuardrails({ rule: 'surge', target: 1206, reason: 't' }, inputs, P); // band tops out at 1123
    expect(r).toMatchObject({ outcome: 'unchanged', price: 1149, limitedBy: 'max-change-per-day' });
    expect(r.steps.find((s) => s.rule === 'max-change-per-day')?.verdict).toBe('bind');
  });

  it('leaves it unchanged when the band ends exactly at the price (rounding must not turn the rise into a cut)', () => {
    // backtest audit, full year: 27 surges per scenario went down to the price point below the band's edge
    const inputs = pricingInputs({ product: { currentPrice: 1123, basePrice: 999 }, history: { priceDayAgo: 899, lastChangeAt: 0, changesLast24h: 1 } });
    const r = applyGuardrails({ rule: 'surge', target: 1180, reason: 't' }, inputs, P); // band tops out at 1123
    expect(r).toMatchObject({ outcome: 'unchanged', price: 1123, limitedBy: 'max-change-per-day' });
  });

  it('but a ceiling below the price does force it down', () => {
    const inputs = pricingInputs({ product: { currentPrice: 1149, basePrice: 999, priceCeiling: 1099 }, history: { priceDayAgo: 1149 } });
    const r = applyGuardrails({ rule: 'surge', target: 1206, reason: 't' }, inputs, P);
    expect(r).toMatchObject({ outcome: 'applied', price: 1099, limitedBy: 'ceiling' });
  });
});

describe('a step that rounds to nothing', () => {
  it('leaves the price unchanged: rounding to a price point must not invent a move', () => {
    // backtest audit, full year: a +5% surge on an 8p item (target 8p) was rounded up to the 9p price point
    const inputs = pricingInputs({ product: { currentPrice: 8, basePrice: 8, unitCost: 5 }, history: { priceDayAgo: 8 } });
    const r = applyGuardrails({ rule: 'surge', target: 8, reason: 't' }, inputs, { ...P, pricePointEndings: [9, 19, 29, 39, 49, 59, 69, 79, 89, 99] });
    expect(r).toMatchObject({ outcome: 'unchanged', price: 8 });
  });
});
