import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICING_POLICY, parsePricingPolicy } from './pricing-policy';

describe('parsePricingPolicy', () => {
  it('fills defaults under a partial override', () => {
    const p = parsePricingPolicy({ surgeVelocityMultiple: 4, pricePointEndings: [9, 49, 99] });
    expect(p).toEqual({ ...DEFAULT_PRICING_POLICY, surgeVelocityMultiple: 4, pricePointEndings: [9, 49, 99] });
  });

  it('lists every bad and unknown field in one error with a code', () => {
    expect(() => parsePricingPolicy({ surgeStepPct: 1.5, maxChangesPerDay: 0, killSwitch: 'yes', colour: 'red' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/colour: unknown field.*surgeStepPct.*maxChangesPerDay.*killSwitch/),
      }),
    );
  });

  it('rejects a non-object', () => {
    expect(() => parsePricingPolicy([])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
