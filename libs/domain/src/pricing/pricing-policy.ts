// The pricing policy: every knob of the signals and guardrails, with defaults and one validation.
import { DomainError } from '../errors/domain-error';

export interface PricingPolicy {
  /** Surge fires when units in the last hour reach this multiple of the baseline hourly rate. */
  readonly surgeVelocityMultiple: number;
  /** ...and at least this many units sold in the last hour (keeps tiny baselines from firing on one sale). */
  readonly surgeMinUnits: number;
  /** Surge raises the price by this fraction (0.05 = +5%). */
  readonly surgeStepPct: number;
  /** Velocity is back to normal when units in the last hour are at most this multiple of the baseline. */
  readonly revertVelocityMultiple: number;
  /** A surge rise is reverted once velocity has been normal for this many minutes (hysteresis). */
  readonly revertHoldMinutes: number;
  /** A signal whose newest sale (surge) or figures (revert, slow mover) are older than this is ignored. */
  readonly maxSignalAgeMinutes: number;
  /** Slow mover: units in the last 24 h below this fraction of 24 × baseline hourly rate... */
  readonly slowMoverVelocityRatio: number;
  /** ...continuously for at least this many hours (72 h spans a weekend without trading)... */
  readonly slowMoverMinHours: number;
  /** ...with stock covering at least this many days of baseline demand. */
  readonly slowMoverMinCoverDays: number;
  /** Promotional discount (0.10 = −10%) and how long it lasts before it is reverted. */
  readonly promoDiscountPct: number;
  readonly promoDurationHours: number;
  /** Floor: never below unit cost × (1 + this), nor below the product's own floor. */
  readonly minMarginPct: number;
  /** Ceiling when the product has none: base price × (1 + this). */
  readonly ceilingAboveBasePct: number;
  readonly maxChangePerDecisionPct: number;
  /** Bound on the move against the price in effect 24 h ago. */
  readonly maxChangePerDayPct: number;
  readonly cooldownMinutes: number;
  /** Maximum applied changes per SKU in any 24 h. */
  readonly maxChangesPerDay: number;
  /** Allowed pence endings, e.g. [49, 99] for .49 / .99. */
  readonly pricePointEndings: readonly number[];
  readonly killSwitch: boolean;
  /** EU-style reference price: lowest price over this many days. */
  readonly referenceWindowDays: number;
}

export const DEFAULT_PRICING_POLICY: PricingPolicy = Object.freeze({
  surgeVelocityMultiple: 3,
  surgeMinUnits: 3,
  surgeStepPct: 0.05,
  revertVelocityMultiple: 1.5,
  revertHoldMinutes: 60,
  maxSignalAgeMinutes: 30,
  slowMoverVelocityRatio: 0.25,
  slowMoverMinHours: 72,
  slowMoverMinCoverDays: 14,
  promoDiscountPct: 0.1,
  promoDurationHours: 48,
  minMarginPct: 0.05,
  ceilingAboveBasePct: 0.5,
  maxChangePerDecisionPct: 0.15,
  maxChangePerDayPct: 0.25,
  cooldownMinutes: 30,
  maxChangesPerDay: 4,
  pricePointEndings: Object.freeze([49, 99]),
  killSwitch: false,
  referenceWindowDays: 30,
});

type Check = (value: unknown) => string | null;
const positive: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? null : 'must be a number > 0');
const nonNegative: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : 'must be a number >= 0');
const fraction: Check = (v) => (typeof v === 'number' && v > 0 && v < 1 ? null : 'must be a number in (0, 1)');
const count: Check = (v) => (Number.isInteger(v) && (v as number) >= 1 ? null : 'must be an integer >= 1');
const bool: Check = (v) => (typeof v === 'boolean' ? null : 'must be a boolean');
const endings: Check = (v) =>
  Array.isArray(v) && v.length > 0 && v.every((e) => Number.isInteger(e) && e >= 0 && e <= 99) ? null : 'must be a non-empty array of integers 0..99';

const CHECKS: { readonly [K in keyof PricingPolicy]: Check } = {
  surgeVelocityMultiple: positive,
  surgeMinUnits: nonNegative,
  surgeStepPct: fraction,
  revertVelocityMultiple: nonNegative,
  revertHoldMinutes: nonNegative,
  maxSignalAgeMinutes: positive,
  slowMoverVelocityRatio: fraction,
  slowMoverMinHours: nonNegative,
  slowMoverMinCoverDays: nonNegative,
  promoDiscountPct: fraction,
  promoDurationHours: positive,
  minMarginPct: nonNegative,
  ceilingAboveBasePct: nonNegative,
  maxChangePerDecisionPct: fraction,
  maxChangePerDayPct: fraction,
  cooldownMinutes: nonNegative,
  maxChangesPerDay: count,
  pricePointEndings: endings,
  killSwitch: bool,
  referenceWindowDays: count,
};

/**
 * Builds a policy from a partial override (e.g. a JSON policy file) over the defaults.
 * Throws one DomainError INVALID_ARGUMENT listing every bad or unknown field.
 */
export function parsePricingPolicy(override: unknown): PricingPolicy {
  if (typeof override !== 'object' || override === null || Array.isArray(override)) {
    throw new DomainError('INVALID_ARGUMENT', 'pricing policy must be an object');
  }
  const merged: Record<string, unknown> = { ...DEFAULT_PRICING_POLICY, ...override };
  const problems: string[] = [];
  for (const key of Object.keys(override)) {
    if (!(key in CHECKS)) problems.push(`${key}: unknown field`);
  }
  for (const [key, check] of Object.entries(CHECKS) as [keyof PricingPolicy, Check][]) {
    const problem = check(merged[key]);
    if (problem) problems.push(`${key}: ${problem}`);
  }
  if (problems.length > 0) {
    throw new DomainError('INVALID_ARGUMENT', `invalid pricing policy: ${problems.join('; ')}`);
  }
  return Object.freeze(merged as unknown as PricingPolicy);
}
