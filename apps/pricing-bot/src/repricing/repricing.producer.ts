// Enqueues evaluations: one job per SKU at a time, coalesced. BullMQ deduplication by SKU ignores adds
// while that SKU's job waits (it reads the newest data when it runs, after a short debounce delay), and
// keepLastIfActive turns adds during a running evaluation into exactly one follow-up job.
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import type IORedis from 'ioredis';
import { PricingBotConfig } from '../config/pricing-bot-config';
import { redisConnection } from './redis-connection';
import { EVALUATE_JOB, PROMO_EXPIRY_JOB, type EvaluateJobData, type EvaluationTrigger, type PromoExpiryJobData } from './repricing.job';

const BULK = 500;

@Injectable()
export class RepricingProducer implements OnApplicationShutdown {
  private readonly connection: IORedis;
  readonly queue: Queue;

  constructor(private readonly config: PricingBotConfig) {
    this.connection = redisConnection(config.REDIS_URL);
    this.queue = new Queue(config.REPRICING_QUEUE, { connection: this.connection, prefix: config.QUEUE_PREFIX });
  }

  private evaluationOptions(sku: string): JobsOptions {
    return {
      deduplication: { id: `sku:${sku}`, keepLastIfActive: true },
      delay: this.config.EVALUATION_DEBOUNCE_MS,
      attempts: this.config.JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    };
  }

  async enqueueEvaluations(skus: readonly string[], trigger: EvaluationTrigger, batchId: number | null = null): Promise<void> {
    for (let i = 0; i < skus.length; i += BULK) {
      await this.queue.addBulk(
        skus.slice(i, i + BULK).map((sku) => ({
          name: EVALUATE_JOB,
          data: { sku, trigger, batchId } satisfies EvaluateJobData,
          opts: this.evaluationOptions(sku),
        })),
      );
    }
  }

  /** A delayed job that triggers the evaluation reverting the promotion when it expires. */
  async schedulePromoExpiry(sku: string, expiresAt: number, decisionId: number): Promise<void> {
    await this.queue.add(PROMO_EXPIRY_JOB, { sku } satisfies PromoExpiryJobData, {
      jobId: `promo-expiry-${decisionId}`,
      delay: Math.max(0, expiresAt - Date.now()),
      attempts: this.config.JOB_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.JOB_BACKOFF_MS },
      removeOnComplete: true,
      removeOnFail: { count: 1000 },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}
