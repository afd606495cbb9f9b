// Guardrails, applied in one fixed order and recorded step by step.
//
// 0. Signal age: evidence older than maxSignalAgeMinutes is ignored (outcome `ignored`, recorded).
// 1. Blocking rules (a blocked decision never moves the price): kill switch, cool-down, changes per day.
// 2. Bounds, intersected in priority order: floor, ceiling, the pre-surge price (surge reverts only),
//    max change per decision, max change per day.
//    The most restrictive bound wins and is recorded as `limitedBy`; when a bound contradicts the ones
//    before it (e.g. the floor is above what the per-decision cap allows) the earlier bound wins.
// 3. Rounding to the nearest price point inside the final interval, on the same side of the current price.
import type { Pence } from './money';
import { nearestPricePoint } from './price-points';
import type { PricingInputs } from './pricing-inputs';
import type { PricingPolicy } from './pricing-policy';
import { signalAge, signalTime } from './signal-age';
import type { PriceProposal } from './signals';

export const GUARDRAIL_ORDER = [
  'signal-age',
  'kill-switch',
  'cool-down',
  'max-changes-per-day',
  'floor',
  'ceiling',
  'pre-surge-price',
  'max-change-per-decision',
  'max-change-per-day',
  'price-points',
] as const;

export type GuardrailRule = (typeof GUARDRAIL_ORDER)[number];

/** pass: no effect; block: stops the change; clip: would cut the target, but a tighter bound wins;
 *  bind: the most restrictive bound; overridden: contradicted an earlier bound and was dropped. */
export type GuardrailVerdict = 'pass' | 'block' | 'clip' | 'bind' | 'overridden';

export interface GuardrailStep {
  readonly rule: GuardrailRule;
  readonly verdict: GuardrailVerdict;
  readonly detail: string;
  readonly low?: Pence;
  readonly high?: Pence;
}

/** ignored: the signal's evidence was too old to act on (see signal-age). */
export type DecisionOutcome = 'applied' | 'blocked' | 'unchanged' | 'ignored';

export interface GuardrailResult {
  readonly outcome: DecisionOutcome;
  /** Final price; equals the current price unless applied. */
  readonly price: Pence;
  readonly limitedBy: GuardrailRule | null;
  /** The allowed interval after all bounds (absent when blocked). */
  readonly allowed: { readonly low: Pence; readonly high: Pence } | null;
  readonly steps: readonly GuardrailStep[];
}

interface Bound {
  readonly rule: GuardrailRule;
  readonly low: Pence;
  readonly high: Pence;
  readonly detail: string;
}

/** The hard and soft bounds of one evaluation, in priority order (the pre-surge bound only for a surge revert). */
export function priceBounds({ product, history }: PricingInputs, policy: PricingPolicy, proposal?: PriceProposal): Bound[] {
  const costFloor = Math.ceil(product.unitCost * (1 + policy.minMarginPct));
  const floor = Math.max(costFloor, product.priceFloor ?? 0);
  const ceiling = product.priceCeiling ?? Math.floor(product.basePrice * (1 + policy.ceilingAboveBasePct));
  const cur = product.currentPrice;
  const anchor = history.priceDayAgo;
  const d = policy.maxChangePerDecisionPct;
  const q = policy.maxChangePerDayPct;
  const revert: Bound[] =
    proposal?.rule === 'surge-revert'
      ? [{ rule: 'pre-surge-price', low: proposal.target, high: Infinity, detail: `a revert never goes below the pre-surge price ${proposal.target}` }]
      : [];
  return [
    { rule: 'floor', low: floor, high: Infinity, detail: `cost+margin ${costFloor}, product floor ${product.priceFloor ?? '-'}` },
    { rule: 'ceiling', low: -Infinity, high: ceiling, detail: `ceiling ${ceiling}` },
    ...revert,
    { rule: 'max-change-per-decision', low: Math.ceil(cur * (1 - d)), high: Math.floor(cur * (1 + d)), detail: `±${d} of ${cur}` },
    { rule: 'max-change-per-day', low: Math.ceil(anchor * (1 - q)), high: Math.floor(anchor * (1 + q)), detail: `±${q} of ${anchor} (24 h ago)` },
  ];
}

function blockingStep(inputs: PricingInputs, policy: PricingPolicy, rule: GuardrailRule): GuardrailStep {
  const { now, history } = inputs;
  switch (rule) {
    case 'kill-switch':
      return { rule, verdict: policy.killSwitch ? 'block' : 'pass', detail: policy.killSwitch ? 'kill switch is on' : 'off' };
    case 'cool-down': {
      const since = history.lastChangeAt === null ? Infinity : now - history.lastChangeAt;
      const needed = policy.cooldownMinutes * 60_000;
      return since < needed
        ? { rule, verdict: 'block', detail: `${Math.floor(since / 60_000)} min since the last change < ${policy.cooldownMinutes} min` }
        : { rule, verdict: 'pass', detail: history.lastChangeAt === null ? 'no earlier change' : `${Math.floor(since / 60_000)} min since the last change` };
    }
    default: {
      const n = history.changesLast24h;
      return n >= policy.maxChangesPerDay
        ? { rule, verdict: 'block', detail: `${n} changes in 24 h >= ${policy.maxChangesPerDay}` }
        : { rule, verdict: 'pass', detail: `${n} changes in 24 h` };
    }
  }
}

/** Rules whose target is a price the SKU had before (exempt from price points when none lies in between). */
export const returnsToRegularPrice = (proposal: Pick<PriceProposal, 'rule'>) => proposal.rule === 'surge-revert' || proposal.rule === 'promo-expiry';

/** Time-based rules (promotion expiry) need no figures; the others need current evidence. */
function signalAgeStep(proposal: PriceProposal, inputs: PricingInputs, policy: PricingPolicy): GuardrailStep {
  const rule = 'signal-age';
  if (proposal.rule === 'promo-expiry') return { rule, verdict: 'pass', detail: 'time-based rule, no figures needed' };
  const age = signalAge(signalTime(proposal.rule, inputs.velocity), inputs.now, policy);
  return { rule, verdict: age.fresh ? 'pass' : 'block', detail: age.detail };
}

export function applyGuardrails(proposal: PriceProposal, inputs: PricingInputs, policy: PricingPolicy): GuardrailResult {
  const current = inputs.product.currentPrice;
  const steps: GuardrailStep[] = [signalAgeStep(proposal, inputs, policy)];
  if (steps[0]?.verdict === 'block') return { outcome: 'ignored', price: current, limitedBy: 'signal-age', allowed: null, steps };
  for (const rule of ['kill-switch', 'cool-down', 'max-changes-per-day'] as const) {
    const step = blockingStep(inputs, policy, rule);
    steps.push(step);
    if (step.verdict === 'block') return { outcome: 'blocked', price: current, limitedBy: rule, allowed: null, steps };
  }

  // Intersect the bounds in priority order; a contradicting bound is overridden by earlier ones.
  let low = -Infinity;
  let high = Infinity;
  let lowBy: GuardrailRule | null = null;
  let highBy: GuardrailRule | null = null;
  const overridden = new Set<GuardrailRule>();
  // When a bound is overridden the price is pinned to the nearest allowed point; rounding may then
  // move it within the interval the earlier bounds allowed (e.g. up from the floor to a price point).
  let roundingRoom: { low: Pence; high: Pence } | null = null;
  const bounds = priceBounds(inputs, policy, proposal);
  for (const b of bounds) {
    if (b.low > high || b.high < low) {
      overridden.add(b.rule);
      roundingRoom ??= { low, high };
      if (b.low > high) low = high;
      else high = low;
      continue;
    }
    if (b.low > low) [low, lowBy] = [b.low, b.rule];
    if (b.high < high) [high, highBy] = [b.high, b.rule];
  }
  const target = proposal.target;
  const clamped = Math.min(Math.max(target, low), high);
  const limitedBy: GuardrailRule | null = target < low ? lowBy : target > high ? highBy : null;
  for (const b of bounds) {
    const cuts = target < b.low || target > b.high;
    const verdict: GuardrailVerdict = overridden.has(b.rule) ? 'overridden' : b.rule === limitedBy ? 'bind' : cuts ? 'clip' : 'pass';
    steps.push({
      rule: b.rule,
      verdict,
      detail: b.detail,
      low: Number.isFinite(b.low) ? b.low : undefined,
      high: Number.isFinite(b.high) ? b.high : undefined,
    });
  }

  // A soft cap never turns a move around (e.g. a surge into a cut when the price sits above the
  // per-day band); only the floor or the ceiling may force a move the signal did not ask for.
  const moved = Math.sign(clamped - current);
  if (moved !== 0 && moved !== Math.sign(target - current)) {
    const binding = moved > 0 ? lowBy : highBy;
    if (binding !== 'floor' && binding !== 'ceiling') {
      const at = steps.findIndex((st) => st.rule === binding);
      const step = steps[at];
      if (step) steps[at] = { ...step, verdict: 'bind', detail: `${step.detail}; excludes any move towards the target` };
      return { outcome: 'unchanged', price: current, limitedBy: binding, allowed: { low, high }, steps };
    }
  }
  // No move asked for, or a bound that stops the move exactly at the current price (no side to round to): unchanged.
  if (clamped === current && (target === current || overridden.size === 0)) {
    return { outcome: 'unchanged', price: current, limitedBy, allowed: { low, high }, steps };
  }
  const endings = policy.pricePointEndings;
  // Rounding never reverses the move: a rise rounds to a point above the current price, a cut below it.
  const sameSide = (lo: Pence, hi: Pence): [Pence, Pence] =>
    clamped > current ? [Math.max(lo, current + 1), hi] : clamped < current ? [lo, Math.min(hi, current - 1)] : [lo, hi];
  const round = (lo: Pence, hi: Pence) => nearestPricePoint(clamped, ...sameSide(lo, hi), endings, current);
  // A return to a regular price (surge revert, promotion expiry) may land on that price itself when no price
  // point lies between it and the current price (else a 21p item discounted to 19p could never go back).
  const regular = returnsToRegularPrice(proposal) && clamped === target ? target : null;
  const rounded = round(low, high) ?? (roundingRoom && round(roundingRoom.low, roundingRoom.high)) ?? regular;
  const pointDetail = `endings ${endings.join('/')}${rounded !== null && rounded === regular ? ', or the regular price itself' : ''}`;
  if (rounded === null || (rounded === current && clamped !== current)) {
    steps.push({ rule: 'price-points', verdict: 'bind', detail: `no price point on the side of the move in [${low}, ${high}] (${pointDetail})` });
    return { outcome: 'unchanged', price: current, limitedBy: 'price-points', allowed: { low, high }, steps };
  }
  steps.push({ rule: 'price-points', verdict: rounded === clamped ? 'pass' : 'clip', detail: `${clamped} -> ${rounded} (${pointDetail})` });
  return { outcome: rounded === current ? 'unchanged' : 'applied', price: rounded, limitedBy, allowed: { low, high }, steps };
}
