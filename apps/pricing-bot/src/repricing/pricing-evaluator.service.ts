// One evaluation of one SKU in one Postgres transaction: read, decide, record, apply.
// The decision row's unique idempotency key (the job id) makes a retried job a no-op once it committed.
import { Injectable } from '@nestjs/common';
import {
  DAY_MS,
  evaluatePricing,
  lowestPriceInWindow,
  priceHistoryStats,
  signalTime,
  type ActivePromotion,
  type PriceDecision,
  type PricingInputs,
  type SkuPricingState,
} from '@shelfstream/domain';
import { DataSource } from 'typeorm';
import { PricingBotConfig } from '../config/pricing-bot-config';
import { KillSwitch } from '../kill-switch/kill-switch.service';
import { PricingMetrics } from '../metrics/pricing-metrics';
import { applyChange, insertDecision, loadChanges, loadSnapshot, loadState, saveReference, saveState } from './pricing-store';
import type { EvaluationTrigger } from './repricing.job';

export interface EvaluationRequest {
  readonly sku: string;
  /** Unique per job (kept across its retries). */
  readonly idempotencyKey: string;
  readonly trigger: EvaluationTrigger;
  readonly batchId: number | null;
}

export type EvaluationResult =
  | { readonly status: 'no-data' | 'no-signal' | 'duplicate' }
  | {
      readonly status: 'decided';
      readonly decision: PriceDecision;
      readonly decisionId: number;
      readonly changeId: number | null;
      /** Set when this decision started a promotion (the caller schedules its expiry). */
      readonly startedPromotion: ActivePromotion | null;
    };

const sameState = (a: SkuPricingState, b: SkuPricingState) =>
  a.slowSince === b.slowSince && a.promotion === b.promotion && a.surge === b.surge && a.normalSince === b.normalSince;

/**
 * The job id, except for a decision ignored as stale: that one is recorded once per SKU, rule and evidence
 * time, so sweeps over old (e.g. backfilled) rows do not repeat it every minute.
 */
function decisionKey(decision: PriceDecision, inputs: PricingInputs, jobKey: string): string {
  if (decision.outcome !== 'ignored') return jobKey;
  return `ignored:${decision.sku}:${decision.rule}:${signalTime(decision.rule, inputs.velocity) ?? 'none'}`;
}

@Injectable()
export class PricingEvaluator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PricingBotConfig,
    private readonly metrics: PricingMetrics,
    private readonly killSwitch: KillSwitch,
  ) {}

  async evaluate(request: EvaluationRequest, now = Date.now()): Promise<EvaluationResult> {
    const killSwitch = await this.killSwitch.isOn();
    this.metrics.begin(request.sku);
    const qr = this.dataSource.createQueryRunner();
    try {
      await qr.connect();
      await qr.startTransaction();
      const result = await this.evaluateInTransaction(qr, request, now, killSwitch);
      if (result.status === 'duplicate') await qr.rollbackTransaction();
      else await qr.commitTransaction();
      return result;
    } catch (error) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await qr.release();
      this.metrics.end(request.sku);
    }
  }

  private async evaluateInTransaction(
    qr: Parameters<typeof loadSnapshot>[0],
    request: EvaluationRequest,
    now: number,
    killSwitch: boolean,
  ): Promise<EvaluationResult> {
    const policy = killSwitch === this.config.policy.killSwitch ? this.config.policy : { ...this.config.policy, killSwitch };
    const snapshot = await loadSnapshot(qr, request.sku);
    if (!snapshot) return { status: 'no-data' };
    const state = await loadState(qr, request.sku);
    const changes = await loadChanges(qr, request.sku, now - policy.referenceWindowDays * DAY_MS);
    const inputs: PricingInputs = {
      now,
      product: snapshot.product,
      velocity: snapshot.velocity,
      state,
      history: priceHistoryStats(changes, snapshot.product.currentPrice, now, policy.referenceWindowDays),
    };
    const { decision, nextState } = evaluatePricing(inputs, policy);
    if (!sameState(nextState, state)) {
      await saveState(qr, request.sku, nextState, now);
    }
    if (!decision) {
      await saveReference(qr, request.sku, inputs.history.referencePrice, policy.referenceWindowDays, now);
      return { status: 'no-signal' };
    }

    const decisionId = await insertDecision(qr, decision, {
      idempotencyKey: decisionKey(decision, inputs, request.idempotencyKey),
      trigger: request.trigger,
      batchId: request.batchId ?? snapshot.batchId,
      inputs,
      policy,
    });
    if (decisionId === null) {
      this.metrics.duplicates++;
      return { status: 'duplicate' };
    }
    this.metrics.recordDecision(decision.rule, decision.outcome);
    let changeId: number | null = null;
    let reference = inputs.history.referencePrice;
    if (decision.outcome === 'applied') {
      const after = [...changes, { at: now, oldPrice: decision.oldPrice, newPrice: decision.newPrice }];
      reference = lowestPriceInWindow(after, decision.newPrice, now, policy.referenceWindowDays);
      changeId = await applyChange(qr, decision, decisionId);
    }
    await saveReference(qr, request.sku, reference, policy.referenceWindowDays, now);
    const startedPromotion = decision.outcome === 'applied' && decision.rule === 'slow-mover' ? nextState.promotion : null;
    return { status: 'decided', decision, decisionId, changeId, startedPromotion };
  }
}
