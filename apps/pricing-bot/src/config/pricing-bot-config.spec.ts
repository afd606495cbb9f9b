import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_PRICING_POLICY } from '@shelfstream/domain';
import { describe, expect, it } from 'vitest';
import { loadPricingBotConfig } from './pricing-bot-config';

describe('loadPricingBotConfig', () => {
  it('defaults to the contract names and the default policy', () => {
    const c = loadPricingBotConfig({});
    expect(c).toMatchObject({ PRICE_CHANGES_TOPIC: 'price-changes', EVALUATION_CONCURRENCY: 8, PRICING_KILL_SWITCH: false });
    expect(c.policy).toEqual(DEFAULT_PRICING_POLICY);
  });

  it('lists every bad variable in one error with a code', () => {
    expect(() => loadPricingBotConfig({ DATABASE_URL: 'mysql://x', EVALUATION_CONCURRENCY: '0', PRICING_KILL_SWITCH: 'maybe' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', message: expect.stringMatching(/DATABASE_URL.*\n.*EVALUATION_CONCURRENCY.*\n.*PRICING_KILL_SWITCH/) }),
    );
  });

  it('reads a policy file and lets the kill switch variable override it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.json');
    writeFileSync(file, JSON.stringify({ surgeVelocityMultiple: 4 }));
    const c = loadPricingBotConfig({ PRICING_POLICY_FILE: file, PRICING_KILL_SWITCH: 'true' });
    expect(c.policy).toMatchObject({ surgeVelocityMultiple: 4, killSwitch: true });
  });

  it('reports a bad policy file as a config problem', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-')), 'policy.json');
    writeFileSync(file, JSON.stringify({ surgeStepPct: 3 }));
    expect(() => loadPricingBotConfig({ PRICING_POLICY_FILE: file })).toThrow(/PRICING_POLICY_FILE.*surgeStepPct/);
  });
});
