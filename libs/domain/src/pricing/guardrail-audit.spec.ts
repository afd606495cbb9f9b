// The audit must catch a decision that broke a guardrail (else the property test and backtest prove nothing).
import { describe, expect, it } from 'vitest';
import { evaluatePricing } from './evaluate-pricing';
import { guardrailViolations } from './guardrail-audit';
import { DEFAULT_PRICING_POLICY as P } from './pricing-policy';
import { SURGE, T0, pricingInputs } from './pricing-test-inputs';

describe('guardrailViolations', () => {
  const inputs = pricingInputs({ velocity: SURGE });
  const decision = evaluatePricing(inputs, P).decision;
  if (!decision) throw new Error('the surge must decide');

  it('passes a decision of the policy', () => {
    expect(guardrailViolations(decision, inputs, P)).toEqual([]);
  });

  it('reports a price above the ceiling, off the price points, inside the cool-down, or on stale evidence', () => {
    expect(guardrailViolations({ ...decision, newPrice: 1999 }, inputs, P).join()).toMatch(/outside ceiling/);
    expect(guardrailViolations({ ...decision, newPrice: 1050 }, inputs, P).join()).toMatch(/not a price point/);
    expect(guardrailViolations(decision, { ...inputs, history: { ...inputs.history, lastChangeAt: T0 - 60_000 } }, P).join()).toMatch(/cool-down/);
    expect(guardrailViolations(decision, { ...inputs, velocity: { ...inputs.velocity, lastSaleAt: T0 - 86_400_000 } }, P).join()).toMatch(/stale/);
  });
});
