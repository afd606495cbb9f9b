// Blocking guardrails: kill switch, cool-down, changes per day — and that they run in that order.
import { describe, expect, it } from 'vitest';
import { applyGuardrails } from './guardrails';
import { DEFAULT_PRICING_POLICY as P } from './pricing-policy';
import { T0, pricingInputs } from './pricing-test-inputs';
import type { PriceProposal } from './signals';

const rise: PriceProposal = { rule: 'surge', target: 1049, reason: 'test' };

describe('blocking guardrails', () => {
  it('kill switch blocks everything and is checked first after the signal age', () => {
    const inputs = pricingInputs({ history: { lastChangeAt: T0 - 60_000, changesLast24h: 99 } });
    const r = applyGuardrails(rise, inputs, { ...P, killSwitch: true });
    expect(r).toMatchObject({ outcome: 'blocked', price: 999, limitedBy: 'kill-switch' });
    expect(r.steps.map((s) => s.rule)).toEqual(['signal-age', 'kill-switch']);
  });

  it('cool-down blocks a change too soon after the last one, before the daily count', () => {
    const inputs = pricingInputs({ history: { lastChangeAt: T0 - 29 * 60_000, changesLast24h: 99 } });
    const r = applyGuardrails(rise, inputs, P);
    expect(r).toMatchObject({ outcome: 'blocked', limitedBy: 'cool-down' });
    expect(r.steps.map((s) => [s.rule, s.verdict])).toEqual([
      ['signal-age', 'pass'],
      ['kill-switch', 'pass'],
      ['cool-down', 'block'],
    ]);
  });

  it('cool-down lets a change through once it has elapsed', () => {
    const inputs = pricingInputs({ history: { lastChangeAt: T0 - 30 * 60_000, changesLast24h: 1 } });
    expect(applyGuardrails(rise, inputs, P)).toMatchObject({ outcome: 'applied', price: 1049, limitedBy: null });
  });

  it('max changes per day blocks the next change', () => {
    const inputs = pricingInputs({ history: { lastChangeAt: T0 - 3_600_000, changesLast24h: 4 } });
    expect(applyGuardrails(rise, inputs, P)).toMatchObject({ outcome: 'blocked', limitedBy: 'max-changes-per-day' });
    const three = pricingInputs({ history: { lastChangeAt: T0 - 3_600_000, changesLast24h: 3 } });
    expect(applyGuardrails(rise, three, P).outcome).toBe('applied');
  });
});
