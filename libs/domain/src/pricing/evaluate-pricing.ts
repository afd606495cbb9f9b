// One pricing evaluation of one SKU: signal, then guardrails, then the state to remember.
import { applyGuardrails, type DecisionOutcome, type GuardrailRule, type GuardrailStep } from './guardrails';
import { HOUR_MS, type Pence } from './money';
import type { PricingInputs, SkuPricingState } from './pricing-inputs';
import type { PricingPolicy } from './pricing-policy';
import { detectSignal, type PricingRule } from './signals';

export interface PriceDecision {
  readonly sku: string;
  readonly decidedAt: number;
  readonly rule: PricingRule;
  readonly outcome: DecisionOutcome;
  readonly oldPrice: Pence;
  readonly proposedPrice: Pence;
  /** Equals oldPrice unless applied. */
  readonly newPrice: Pence;
  readonly limitedBy: GuardrailRule | null;
  readonly reason: string;
  readonly steps: readonly GuardrailStep[];
  /** Lowest price of the reference window before this decision (shown with a discount). */
  readonly referencePrice: Pence;
}

export interface PricingEvaluation {
  /** Null when no signal fired (nothing to decide). */
  readonly decision: PriceDecision | null;
  readonly nextState: SkuPricingState;
}

function nextPromotion(decision: PriceDecision | null, state: SkuPricingState, policy: PricingPolicy): SkuPricingState['promotion'] {
  if (decision?.outcome !== 'applied') return state.promotion;
  if (decision.rule === 'slow-mover') {
    return { regularPrice: decision.oldPrice, startedAt: decision.decidedAt, expiresAt: decision.decidedAt + policy.promoDurationHours * HOUR_MS };
  }
  if (decision.rule === 'surge-revert') return state.promotion;
  return null; // surge and promo-expiry both end a promotion
}

/** A surge rise opens an episode (remembering the price to go back to); it closes once the price is back. */
function nextSurge(decision: PriceDecision | null, inputs: PricingInputs): SkuPricingState['surge'] {
  const { state, now } = inputs;
  if (decision?.outcome === 'applied' && decision.rule === 'surge') {
    return state.surge ?? { regularPrice: state.promotion?.regularPrice ?? decision.oldPrice, startedAt: now };
  }
  const price = decision?.outcome === 'applied' ? decision.newPrice : inputs.product.currentPrice;
  return state.surge && price > state.surge.regularPrice ? state.surge : null;
}

function explain(reason: string, outcome: DecisionOutcome, limitedBy: GuardrailRule | null, steps: readonly GuardrailStep[]): string {
  if (limitedBy === null) return reason;
  const step = steps.find((s) => s.rule === limitedBy);
  const verb = outcome === 'ignored' ? 'ignored:' : outcome === 'blocked' ? 'blocked by' : 'limited by';
  return `${reason}; ${verb} ${limitedBy}${step ? ` (${step.detail})` : ''}`;
}

function nextState(
  decision: PriceDecision | null,
  inputs: PricingInputs,
  policy: PricingPolicy,
  slowSince: number | null,
  normalSince: number | null,
): SkuPricingState {
  if (decision?.outcome === 'ignored') return inputs.state; // stale evidence changes nothing
  const promotion = nextPromotion(decision, inputs.state, policy);
  const surge = nextSurge(decision, inputs);
  return { slowSince: promotion || surge ? null : slowSince, promotion, surge, normalSince: surge ? normalSince : null };
}

export function evaluatePricing(inputs: PricingInputs, policy: PricingPolicy): PricingEvaluation {
  const { proposal, slowSince, normalSince } = detectSignal(inputs, policy);
  if (proposal === null) return { decision: null, nextState: nextState(null, inputs, policy, slowSince, normalSince) };
  const result = applyGuardrails(proposal, inputs, policy);
  const decision: PriceDecision = {
    sku: inputs.product.sku,
    decidedAt: inputs.now,
    rule: proposal.rule,
    outcome: result.outcome,
    oldPrice: inputs.product.currentPrice,
    proposedPrice: proposal.target,
    newPrice: result.price,
    limitedBy: result.limitedBy,
    reason: explain(proposal.reason, result.outcome, result.limitedBy, result.steps),
    steps: result.steps,
    referencePrice: inputs.history.referencePrice,
  };
  return { decision, nextState: nextState(decision, inputs, policy, slowSince, normalSince) };
}
