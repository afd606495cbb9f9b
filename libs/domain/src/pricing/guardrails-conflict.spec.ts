// Scenario: cost went up so the floor sits above what the per-decision cap allows. The floor wins.
import { describe, expect, it } from 'vitest';
import { applyGuardrails } from './guardrails';
import { DEFAULT_PRICING_POLICY as P } from './pricing-policy';
import { pricingInputs } from './pricing-test-inputs';

describe('a floor above the per-decision cap', () => {
  it('moves the price to the floor and marks the cap as overridden', () => {
    const inputs = pricingInputs({ product: { currentPrice: 999, unitCost: 1200, basePrice: 1500 } });
    const r = applyGuardrails({ rule: 'surge', target: 1049, reason: 'test' }, inputs, P);
    expect(r).toMatchObject({ outcome: 'applied', price: 1299, limitedBy: 'floor' }); // 1200 × 1.05 = 1260 → 1299
    expect(r.steps.find((s) => s.rule === 'max-change-per-decision')?.verdict).toBe('overridden');
  });
});
