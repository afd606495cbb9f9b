// The BullMQ worker of the repricing queue: runs evaluations, schedules promotion expiries, publishes.
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker, type Job } from 'bullmq';
import type IORedis from 'ioredis';
import { PricingBotConfig } from '../config/pricing-bot-config';
import { PriceChangePublisher } from '../publishing/price-change-publisher.service';
import { PricingEvaluator } from './pricing-evaluator.service';
import { redisConnection } from './redis-connection';
import { BaselineRefreshService } from '../baseline/baseline-refresh.service';
import { PricingMetrics } from '../metrics/pricing-metrics';
import { SweepService } from '../triggers/sweep.service';
import { BASELINE_JOB, EVALUATE_JOB, PROMO_EXPIRY_JOB, SWEEP_JOB, type EvaluateJobData, type PromoExpiryJobData } from './repricing.job';
import { RepricingProducer } from './repricing.producer';

export interface JobSummary {
  status: string;
  decisionId?: number;
  outcome?: string;
  changeId?: number | null;
}

@Injectable()
export class RepricingProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RepricingProcessor.name);
  private connection: IORedis | null = null;
  private worker: Worker | null = null;

  constructor(
    private readonly config: PricingBotConfig,
    private readonly evaluator: PricingEvaluator,
    private readonly producer: RepricingProducer,
    private readonly publisher: PriceChangePublisher,
    private readonly sweep: SweepService,
    private readonly baselines: BaselineRefreshService,
    private readonly metrics: PricingMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.connection = redisConnection(this.config.REDIS_URL);
    this.worker = new Worker(this.config.REPRICING_QUEUE, (job) => this.process(job), {
      connection: this.connection,
      prefix: this.config.QUEUE_PREFIX,
      concurrency: this.config.EVALUATION_CONCURRENCY,
      lockDuration: this.config.JOB_LOCK_MS,
      stalledInterval: this.config.STALLED_CHECK_MS,
      maxStalledCount: 1,
    });
    this.worker.on('failed', (job, error) => this.logger.warn(`job ${job?.id} (${job?.name}) failed: ${error.message}`));
    this.worker.on('error', (error) => this.logger.error(`worker error: ${error.message}`));
  }

  /** Returns a small summary (stored by BullMQ as the job's return value). */
  async process(job: Job): Promise<JobSummary | null> {
    if (job.name === SWEEP_JOB || job.name === BASELINE_JOB) return this.tick(job);
    if (job.name === PROMO_EXPIRY_JOB) {
      await this.producer.enqueueEvaluations([(job.data as PromoExpiryJobData).sku], 'promo-expiry');
      return null;
    }
    if (job.name !== EVALUATE_JOB) throw new Error(`unknown job ${job.name}`);
    const data = job.data as EvaluateJobData;
    if (!job.id) throw new Error('evaluation job without an id');
    const result = await this.evaluator.evaluate({ sku: data.sku, idempotencyKey: job.id, trigger: data.trigger, batchId: data.batchId });
    if (result.status === 'decided' && result.startedPromotion) {
      await this.producer.schedulePromoExpiry(data.sku, result.startedPromotion.expiresAt, result.decisionId);
    }
    if (result.status === 'decided' && result.changeId !== null) {
      // Publishing failures leave the change in the outbox for the next flush; they never fail the job.
      await this.publisher.flush().catch((error: unknown) => this.logger.warn(`publish failed, kept in outbox: ${(error as Error).message}`));
    }
    return result.status === 'decided'
      ? { status: result.status, decisionId: result.decisionId, outcome: result.decision.outcome, changeId: result.changeId }
      : { status: result.status };
  }

  /** One tick of a fleet-wide schedule; the tick time is the time it was scheduled for. */
  private async tick(job: Job): Promise<JobSummary> {
    const tickAt = job.timestamp + (job.opts.delay ?? 0);
    this.metrics.recordTick(job.name, tickAt);
    if (job.name === SWEEP_JOB) return { status: `swept ${await this.sweep.run()} SKUs` };
    return { status: `baselines for ${await this.baselines.runNow(new Date(tickAt))} SKUs` };
  }

  /** Runs before resources close: lets active jobs (and their publish) finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    this.connection?.disconnect();
  }
}
