// Demand signals: what the policy would like to do before any guardrail has a say.
import { DAY_MS, HOUR_MS, type Pence } from './money';
import type { PricingInputs } from './pricing-inputs';
import type { PricingPolicy } from './pricing-policy';

export type PricingRule = 'surge' | 'slow-mover' | 'promo-expiry';

export interface PriceProposal {
  readonly rule: PricingRule;
  readonly target: Pence;
  readonly reason: string;
}

export interface SignalResult {
  readonly proposal: PriceProposal | null;
  /** The slow streak start to remember after this evaluation. */
  readonly slowSince: number | null;
}

export function isSurging({ velocity, product, now }: PricingInputs, policy: PricingPolicy): boolean {
  const { unitsLastHour, baselineHourlyRate, onHand, stockoutEta } = velocity;
  const hot =
    baselineHourlyRate > 0 &&
    unitsLastHour >= policy.surgeMinUnits &&
    unitsLastHour >= policy.surgeVelocityMultiple * baselineHourlyRate;
  const short =
    onHand < product.lowStockThreshold ||
    (stockoutEta !== null && stockoutEta - now < product.restockLeadHours * HOUR_MS);
  return hot && short;
}

function isSlowNow({ velocity, product }: PricingInputs, policy: PricingPolicy): boolean {
  const dailyBaseline = velocity.baselineHourlyRate * 24;
  if (dailyBaseline <= 0) return false; // no baseline, no "below baseline"
  const slow = velocity.unitsLast24h < policy.slowMoverVelocityRatio * dailyBaseline;
  const stockHigh =
    velocity.onHand > product.lowStockThreshold && velocity.onHand >= policy.slowMoverMinCoverDays * dailyBaseline;
  return slow && stockHigh;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** Precedence: an expired promotion is reverted first, then surge, then slow mover. */
export function detectSignal(inputs: PricingInputs, policy: PricingPolicy): SignalResult {
  const { now, product, velocity, state } = inputs;
  const promo = state.promotion;
  // The slow streak only counts outside promotions, so a reverted promotion is not re-run at once.
  const slowSince = !promo && isSlowNow(inputs, policy) ? (state.slowSince ?? now) : null;

  if (promo && now >= promo.expiresAt) {
    return {
      slowSince,
      proposal: { rule: 'promo-expiry', target: promo.regularPrice, reason: 'promotion expired: back to the regular price' },
    };
  }
  if (isSurging(inputs, policy)) {
    const stepped = Math.round(product.currentPrice * (1 + policy.surgeStepPct));
    const target = promo ? Math.max(promo.regularPrice, stepped) : stepped;
    const ratio = velocity.unitsLastHour / velocity.baselineHourlyRate;
    return {
      slowSince,
      proposal: {
        rule: 'surge',
        target,
        reason:
          `${velocity.unitsLastHour} units in the last hour = ${ratio.toFixed(1)}x baseline ` +
          `${velocity.baselineHourlyRate.toFixed(2)}/h with ${velocity.onHand} on hand: +${pct(policy.surgeStepPct)}` +
          (promo ? ', ending the promotion' : ''),
      },
    };
  }
  if (slowSince !== null && now - slowSince >= policy.slowMoverMinHours * HOUR_MS) {
    const days = ((now - slowSince) / DAY_MS).toFixed(1);
    return {
      slowSince,
      proposal: {
        rule: 'slow-mover',
        target: Math.round(product.currentPrice * (1 - policy.promoDiscountPct)),
        reason:
          `${velocity.unitsLast24h} units in 24 h vs baseline ${(velocity.baselineHourlyRate * 24).toFixed(1)}/day ` +
          `for ${days} days with ${velocity.onHand} on hand: −${pct(policy.promoDiscountPct)} ` +
          `for ${policy.promoDurationHours} h`,
      },
    };
  }
  return { slowSince, proposal: null };
}
