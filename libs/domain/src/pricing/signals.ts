// Demand signals: what the policy would like to do before any guardrail has a say.
import { DAY_MS, HOUR_MS, type Pence } from './money';
import type { PricingInputs } from './pricing-inputs';
import type { PricingPolicy } from './pricing-policy';
import { figuresFresh } from './signal-age';

export type PricingRule = 'surge' | 'surge-revert' | 'slow-mover' | 'promo-expiry';

export const PRICING_RULES: readonly PricingRule[] = ['surge', 'surge-revert', 'slow-mover', 'promo-expiry'];

export interface PriceProposal {
  readonly rule: PricingRule;
  readonly target: Pence;
  readonly reason: string;
}

export interface SignalResult {
  readonly proposal: PriceProposal | null;
  /** The slow streak start to remember after this evaluation. */
  readonly slowSince: number | null;
  /** During a surge episode, since when velocity has been normal (to remember). */
  readonly normalSince: number | null;
}

export function isSurging({ velocity, product, now }: PricingInputs, policy: PricingPolicy): boolean {
  const { unitsLastHour, baselineHourlyRate, onHand, stockoutEta } = velocity;
  const hot = baselineHourlyRate > 0 && unitsLastHour >= policy.surgeMinUnits && unitsLastHour >= policy.surgeVelocityMultiple * baselineHourlyRate;
  const short = onHand < product.lowStockThreshold || (stockoutEta !== null && stockoutEta - now < product.restockLeadHours * HOUR_MS);
  return hot && short;
}

/** Velocity back to normal: at most revertVelocityMultiple × baseline (under surgeMinUnits without a baseline). */
export function isVelocityNormal({ velocity }: PricingInputs, policy: PricingPolicy): boolean {
  const { unitsLastHour, baselineHourlyRate } = velocity;
  return baselineHourlyRate > 0 ? unitsLastHour <= policy.revertVelocityMultiple * baselineHourlyRate : unitsLastHour < policy.surgeMinUnits;
}

function isSlowNow({ velocity, product }: PricingInputs, policy: PricingPolicy): boolean {
  const dailyBaseline = velocity.baselineHourlyRate * 24;
  if (dailyBaseline <= 0) return false; // no baseline, no "below baseline"
  const slow = velocity.unitsLast24h < policy.slowMoverVelocityRatio * dailyBaseline;
  const stockHigh = velocity.onHand > product.lowStockThreshold && velocity.onHand >= policy.slowMoverMinCoverDays * dailyBaseline;
  return slow && stockHigh;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const pounds = (p: Pence) => (p / 100).toFixed(2);

/** Streaks advance only on current figures; stale ones (backfill, a stalled pipeline) leave them as they were. */
function streaks(inputs: PricingInputs, policy: PricingPolicy): { slowSince: number | null; normalSince: number | null } {
  const { now, state, velocity } = inputs;
  if (!figuresFresh(velocity, now, policy)) return { slowSince: state.slowSince, normalSince: state.normalSince };
  // The slow streak only counts outside promotions and surge episodes, so a revert is not followed by a discount at once.
  const slowSince = !state.promotion && !state.surge && isSlowNow(inputs, policy) ? (state.slowSince ?? now) : null;
  const normalSince = state.surge && isVelocityNormal(inputs, policy) ? (state.normalSince ?? now) : null;
  return { slowSince, normalSince };
}

/** The price moved by a share of itself, at least one penny (a 5% step on an 8p item is 9p, not 8p). */
export function stepPrice(price: Pence, share: number): Pence {
  const stepped = Math.round(price * (1 + share));
  return share > 0 ? Math.max(stepped, price + 1) : Math.max(0, Math.min(stepped, price - 1));
}

/** Precedence: an expired promotion is reverted first, then surge, then the surge revert, then slow mover. */
export function detectSignal(inputs: PricingInputs, policy: PricingPolicy): SignalResult {
  const { now, product, velocity, state } = inputs;
  const promo = state.promotion;
  const { slowSince, normalSince } = streaks(inputs, policy);
  const result = (proposal: PriceProposal | null): SignalResult => ({ proposal, slowSince, normalSince });

  if (promo && now >= promo.expiresAt) {
    return result({ rule: 'promo-expiry', target: promo.regularPrice, reason: 'promotion expired: back to the regular price' });
  }
  if (isSurging(inputs, policy)) {
    const stepped = stepPrice(product.currentPrice, policy.surgeStepPct);
    const target = promo ? Math.max(promo.regularPrice, stepped) : stepped;
    const ratio = velocity.unitsLastHour / velocity.baselineHourlyRate;
    return result({
      rule: 'surge',
      target,
      reason:
        `${velocity.unitsLastHour} units in the last hour = ${ratio.toFixed(1)}x baseline ` +
        `${velocity.baselineHourlyRate.toFixed(2)}/h with ${velocity.onHand} on hand: +${pct(policy.surgeStepPct)}` +
        (promo ? ', ending the promotion' : ''),
    });
  }
  const surge = state.surge;
  if (surge && product.currentPrice > surge.regularPrice && normalSince !== null && now - normalSince >= policy.revertHoldMinutes * 60_000) {
    return result({
      rule: 'surge-revert',
      target: surge.regularPrice,
      reason:
        `velocity back to normal: ${velocity.unitsLastHour} units in the last hour <= ${policy.revertVelocityMultiple}x baseline ` +
        `${velocity.baselineHourlyRate.toFixed(2)}/h for ${Math.round((now - normalSince) / 60_000)} min: back towards the pre-surge price ${pounds(surge.regularPrice)}`,
    });
  }
  if (slowSince !== null && now - slowSince >= policy.slowMoverMinHours * HOUR_MS) {
    const days = ((now - slowSince) / DAY_MS).toFixed(1);
    return result({
      rule: 'slow-mover',
      target: stepPrice(product.currentPrice, -policy.promoDiscountPct),
      reason:
        `${velocity.unitsLast24h} units in 24 h vs baseline ${(velocity.baselineHourlyRate * 24).toFixed(1)}/day ` +
        `for ${days} days with ${velocity.onHand} on hand: −${pct(policy.promoDiscountPct)} ` +
        `for ${policy.promoDurationHours} h`,
    });
  }
  return result(null);
}
