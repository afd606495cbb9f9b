// Property: whatever the inputs and policy, no decision leaves the guardrails.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluatePricing } from './evaluate-pricing';
import { guardrailViolations } from './guardrail-audit';
import { GUARDRAIL_ORDER } from './guardrails';
import { HOUR_MS } from './money';
import type { PricingInputs } from './pricing-inputs';
import { DEFAULT_PRICING_POLICY, type PricingPolicy } from './pricing-policy';

const T = Date.UTC(2026, 0, 1);
// Pennies often: a percentage step on a few pence rounds to nothing (the backtest's 8p surges).
const price = fc.oneof(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 50_000 }));

const policyArb: fc.Arbitrary<PricingPolicy> = fc.record({
  surgeVelocityMultiple: fc.double({ min: 1, max: 6, noNaN: true }),
  surgeMinUnits: fc.integer({ min: 0, max: 5 }),
  surgeStepPct: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  revertVelocityMultiple: fc.double({ min: 0, max: 3, noNaN: true }),
  revertHoldMinutes: fc.integer({ min: 0, max: 120 }),
  maxSignalAgeMinutes: fc.integer({ min: 1, max: 120 }),
  slowMoverVelocityRatio: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
  slowMoverMinHours: fc.integer({ min: 0, max: 72 }),
  slowMoverMinCoverDays: fc.integer({ min: 0, max: 30 }),
  promoDiscountPct: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  promoDurationHours: fc.integer({ min: 1, max: 96 }),
  minMarginPct: fc.double({ min: 0, max: 0.5, noNaN: true }),
  ceilingAboveBasePct: fc.double({ min: 0, max: 1, noNaN: true }),
  maxChangePerDecisionPct: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  maxChangePerDayPct: fc.double({ min: 0.01, max: 0.9, noNaN: true }),
  cooldownMinutes: fc.integer({ min: 0, max: 240 }),
  maxChangesPerDay: fc.integer({ min: 1, max: 10 }),
  pricePointEndings: fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 10 }),
  killSwitch: fc.boolean(),
  referenceWindowDays: fc.constant(DEFAULT_PRICING_POLICY.referenceWindowDays),
});

const inputsArb: fc.Arbitrary<PricingInputs> = fc
  .record({
    unitCost: price,
    basePrice: price,
    currentPrice: price,
    priceDayAgo: price,
    priceFloor: fc.option(price),
    priceCeiling: fc.option(price),
    lowStockThreshold: fc.integer({ min: 0, max: 100 }),
    restockLeadHours: fc.integer({ min: 0, max: 200 }),
    onHand: fc.integer({ min: -10, max: 5000 }),
    unitsLastHour: fc.integer({ min: 0, max: 500 }),
    unitsLast24h: fc.integer({ min: 0, max: 5000 }),
    baselineHourlyRate: fc.double({ min: 0, max: 50, noNaN: true }),
    etaHours: fc.option(fc.integer({ min: 0, max: 500 })),
    slowHours: fc.option(fc.integer({ min: 0, max: 100 })),
    promo: fc.option(fc.record({ regularPrice: price, expiresIn: fc.integer({ min: -10, max: 10 }) })),
    lastChangeMinutesAgo: fc.option(fc.integer({ min: 0, max: 3000 })),
    changesLast24h: fc.integer({ min: 0, max: 12 }),
    lastSaleMinutesAgo: fc.option(fc.integer({ min: 0, max: 200 })),
    asOfMinutesAgo: fc.option(fc.integer({ min: 0, max: 200 })),
    surge: fc.option(fc.record({ regularPrice: price, normalMinutes: fc.option(fc.integer({ min: 0, max: 200 })) })),
  })
  .map((r) => ({
    now: T,
    product: {
      sku: 'P',
      unitCost: r.unitCost,
      basePrice: r.basePrice,
      currentPrice: r.currentPrice,
      priceFloor: r.priceFloor,
      priceCeiling: r.priceCeiling,
      lowStockThreshold: r.lowStockThreshold,
      restockLeadHours: r.restockLeadHours,
    },
    velocity: {
      onHand: r.onHand,
      unitsLastHour: r.unitsLastHour,
      unitsLast24h: r.unitsLast24h,
      baselineHourlyRate: r.baselineHourlyRate,
      stockoutEta: r.etaHours === null ? null : T + r.etaHours * HOUR_MS,
      lastSaleAt: r.lastSaleMinutesAgo === null ? null : T - r.lastSaleMinutesAgo * 60_000,
      asOf: r.asOfMinutesAgo === null ? null : T - r.asOfMinutesAgo * 60_000,
    },
    state: {
      slowSince: r.slowHours === null ? null : T - r.slowHours * HOUR_MS,
      promotion: r.promo && { regularPrice: r.promo.regularPrice, startedAt: T - 100 * HOUR_MS, expiresAt: T + r.promo.expiresIn * HOUR_MS },
      surge: r.surge && { regularPrice: r.surge.regularPrice, startedAt: T - 10 * HOUR_MS },
      normalSince: r.surge?.normalMinutes == null ? null : T - r.surge.normalMinutes * 60_000,
    },
    history: {
      lastChangeAt: r.lastChangeMinutesAgo === null ? null : T - r.lastChangeMinutesAgo * 60_000,
      changesLast24h: r.changesLast24h,
      priceDayAgo: r.priceDayAgo,
      referencePrice: r.priceDayAgo,
    },
  }));

describe('guardrails property', () => {
  it('no decision ever leaves the guardrails', () => {
    fc.assert(
      fc.property(inputsArb, policyArb, (inputs, policy) => {
        const { decision } = evaluatePricing(inputs, policy);
        if (decision === null) return;
        const order = decision.steps.map((s) => GUARDRAIL_ORDER.indexOf(s.rule));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        expect(guardrailViolations(decision, inputs, policy)).toEqual([]);
      }),
      { numRuns: 5000 },
    );
  });
});
