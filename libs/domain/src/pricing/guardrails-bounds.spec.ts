// Bounds: floor, ceiling, per-decision and per-day caps; the most restrictive wins and is recorded.
import { describe, expect, it } from 'vitest';
import { applyGuardrails, GUARDRAIL_ORDER } from './guardrails';
import { DEFAULT_PRICING_POLICY } from './pricing-policy';
import { pricingInputs } from './pricing-test-inputs';
import type { PriceProposal } from './signals';

// Endings at every 10p minus 1, so rounding stays out of the way of the bounds under test.
const P = { ...DEFAULT_PRICING_POLICY, pricePointEndings: [9, 19, 29, 39, 49, 59, 69, 79, 89, 99] };
const to = (target: number): PriceProposal => ({ rule: 'surge', target, reason: 'test' });

describe('bounds', () => {
  it('floor: never below unit cost + minimum margin', () => {
    const r = applyGuardrails(to(500), pricingInputs({ product: { unitCost: 900, currentPrice: 999 } }), P);
    expect(r).toMatchObject({ outcome: 'applied', price: 949, limitedBy: 'floor' }); // 900 × 1.05 = 945 → 949
  });

  it("floor: never below the product's own floor when that is higher", () => {
    const r = applyGuardrails(to(850), pricingInputs({ product: { priceFloor: 960 } }), P);
    expect(r).toMatchObject({ price: 969, limitedBy: 'floor' });
  });

  it("ceiling: the product's ceiling, else base price + 50%", () => {
    expect(applyGuardrails(to(1100), pricingInputs({ product: { priceCeiling: 1030 } }), P)).toMatchObject({ price: 1029, limitedBy: 'ceiling' });
    const atBase = pricingInputs({ product: { basePrice: 700, currentPrice: 1000 }, history: { priceDayAgo: 1000 } });
    expect(applyGuardrails(to(1100), atBase, P)).toMatchObject({ price: 1049, limitedBy: 'ceiling' }); // 700 × 1.5
  });

  it('max change per decision caps one move', () => {
    expect(applyGuardrails(to(1500), pricingInputs(), P)).toMatchObject({ price: 1139, limitedBy: 'max-change-per-decision' }); // 999 × 1.15 = 1148
  });

  it('max change per day caps the move against the price 24 h ago', () => {
    const inputs = pricingInputs({ product: { currentPrice: 1149 }, history: { priceDayAgo: 999, changesLast24h: 1, lastChangeAt: 0 } });
    expect(applyGuardrails(to(1299), inputs, P)).toMatchObject({ price: 1239, limitedBy: 'max-change-per-day' }); // 999 × 1.25 = 1248, 1249 is out
  });

  it('records every bound in the fixed order, with the winner as bind and looser ones as clip', () => {
    const inputs = pricingInputs({ product: { currentPrice: 1149, priceCeiling: 1300 }, history: { priceDayAgo: 999, lastChangeAt: 0 } });
    const r = applyGuardrails(to(2000), inputs, P);
    expect(r.steps.map((s) => s.rule)).toEqual(GUARDRAIL_ORDER.filter((g) => g !== 'pre-surge-price')); // that one is for reverts
    expect(r.steps.map((s) => s.verdict)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'clip', 'clip', 'bind', 'clip']);
    expect(r.limitedBy).toBe('max-change-per-day');
  });
});
