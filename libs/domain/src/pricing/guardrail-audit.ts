// An independent check of one decision against the guardrails it claims to have passed: what the property
// test asserts for random inputs and the backtest asserts for every decision of a replay.
import type { PriceDecision } from './evaluate-pricing';
import { priceBounds, returnsToRegularPrice } from './guardrails';
import { isPricePoint } from './price-points';
import type { PricingInputs } from './pricing-inputs';
import type { PricingPolicy } from './pricing-policy';
import { isFresh, signalTime } from './signal-age';

/** The rules the decision broke (empty when it kept to every guardrail). */
export function guardrailViolations(decision: PriceDecision, inputs: PricingInputs, policy: PricingPolicy): string[] {
  const problems: string[] = [];
  const fail = (what: string) => problems.push(`${decision.sku} ${decision.rule} ${decision.outcome} at ${new Date(inputs.now).toISOString()}: ${what}`);
  const { history, now, product } = inputs;
  const old = product.currentPrice;
  const evidence = signalTime(decision.rule, inputs.velocity);
  const stale = decision.rule !== 'promo-expiry' && !isFresh(evidence, now, policy);
  if ((decision.outcome === 'ignored') !== stale) fail(stale ? 'acted on a stale signal' : 'ignored a fresh signal');
  if (decision.outcome !== 'applied') {
    if (decision.newPrice !== old) fail('moved the price without applying');
    return problems;
  }
  const p = decision.newPrice;
  if (p === old) fail('applied without a change');
  if (policy.killSwitch) fail('applied with the kill switch on');
  if (history.lastChangeAt !== null && now - history.lastChangeAt < policy.cooldownMinutes * 60_000) fail('inside the cool-down');
  if (history.changesLast24h >= policy.maxChangesPerDay) fail('over the changes per day');
  const regular = returnsToRegularPrice(decision) && p === decision.proposedPrice;
  if (!regular && !isPricePoint(p, policy.pricePointEndings)) fail(`${p} is not a price point`);
  const bounds = priceBounds(inputs, policy, { rule: decision.rule, target: decision.proposedPrice, reason: '' });
  const overridden = new Set(decision.steps.filter((s) => s.verdict === 'overridden').map((s) => s.rule));
  bounds.forEach((b, i) => {
    if (overridden.has(b.rule)) {
      // A bound is dropped only when it contradicts a bound of higher priority.
      if (!bounds.slice(0, i).some((e) => e.low > b.high || e.high < b.low)) fail(`${b.rule} overridden without a conflict`);
    } else if (b.rule === 'floor' || overridden.size === 0) {
      if (p < b.low || p > b.high) fail(`${p} outside ${b.rule} [${b.low}, ${b.high}]`);
    }
  });
  const hardOk = bounds.slice(0, 2).every((b) => old >= b.low && old <= b.high);
  if (hardOk && overridden.size === 0 && Math.sign(p - old) !== Math.sign(decision.proposedPrice - old)) fail('moved against the signal');
  return problems;
}
