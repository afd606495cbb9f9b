// How old the evidence of a signal is. A surge reflects the newest sale in its window; a revert or a slow
// mover reflects the absence of sales up to the time the figures were decayed to. Evidence older than
// maxSignalAgeMinutes (backfilled history, a stalled pipeline) is never acted on as if it were live.
import type { VelocitySnapshot } from './pricing-inputs';
import type { PricingPolicy } from './pricing-policy';
import type { PricingRule } from './signals';

/** The event time a rule's evidence is from; null for rules that act on time alone (promotion expiry). */
export function signalTime(rule: PricingRule, velocity: VelocitySnapshot): number | null {
  switch (rule) {
    case 'surge':
      return velocity.lastSaleAt;
    case 'surge-revert':
    case 'slow-mover':
      return velocity.asOf;
    case 'promo-expiry':
      return null;
  }
}

export interface SignalAge {
  readonly fresh: boolean;
  readonly detail: string;
}

const minutes = (ms: number) => (ms >= 2 * 86_400_000 ? `${(ms / 86_400_000).toFixed(1)} days` : `${Math.round(ms / 60_000)} min`);

/** Whether evidence from `at` may be acted on at `now`; an unknown time is stale (nothing proves it live). */
export const isFresh = (at: number | null, now: number, policy: PricingPolicy): at is number => at !== null && now - at <= policy.maxSignalAgeMinutes * 60_000;

/** isFresh with its explanation (recorded as the signal-age step). */
export function signalAge(at: number | null, now: number, policy: PricingPolicy): SignalAge {
  const limit = `${policy.maxSignalAgeMinutes} min`;
  if (at === null) return { fresh: false, detail: `no time for the figures; limit ${limit}` };
  const stamp = new Date(at).toISOString();
  return isFresh(at, now, policy)
    ? { fresh: true, detail: `figures from ${stamp}, ${minutes(Math.max(0, now - at))} old <= ${limit}` }
    : { fresh: false, detail: `figures from ${stamp} are ${minutes(now - at)} old > ${limit}` };
}

/** Whether the windowed figures themselves (not one rule's evidence) are current enough to update streaks. */
export function figuresFresh(velocity: VelocitySnapshot, now: number, policy: PricingPolicy): boolean {
  return isFresh(velocity.asOf, now, policy);
}
