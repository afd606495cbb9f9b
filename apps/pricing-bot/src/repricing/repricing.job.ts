// Job names and payloads of the repricing queue.

export const EVALUATE_JOB = 'evaluate';
export const PROMO_EXPIRY_JOB = 'promo-expiry';
/** Ticks of the fleet-wide job schedulers (see schedules/fleet-schedules.service.ts). */
export const SWEEP_JOB = 'sweep';
export const BASELINE_JOB = 'nightly-baseline';

/** What caused an evaluation (recorded with the decision). */
export type EvaluationTrigger = 'notification' | 'sweep' | 'promo-expiry';

export interface EvaluateJobData {
  sku: string;
  trigger: EvaluationTrigger;
  /** Pipeline batch that announced the change, when triggered by a notification. */
  batchId: number | null;
}

export interface PromoExpiryJobData {
  sku: string;
}

/** Sent by the bot (NOTIFY inside the transaction that applies a change) so listeners see committed changes. */
export const PRICE_CHANGED_CHANNEL = 'price_changed';

export interface PriceChangedPayload {
  sku: string;
  decisionId: number;
  changeId: number;
  newPrice: number;
}
