// Schedules that run once per fleet, not once per replica: BullMQ job schedulers in the shared queue.
// Every replica upserts the same scheduler ids (idempotent), BullMQ adds one job per tick, and whichever
// worker takes it runs it (the RepricingProcessor dispatches SWEEP_JOB and BASELINE_JOB).
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { BASELINE_RECOMPUTER, type BaselineRecomputer } from '../baseline/baseline-refresh.service';
import { PricingBotConfig } from '../config/pricing-bot-config';
import { BASELINE_JOB, SWEEP_JOB } from '../repricing/repricing.job';
import { RepricingProducer } from '../repricing/repricing.producer';

export const SWEEP_SCHEDULER = 'sweep';
export const BASELINE_SCHEDULER = 'nightly-baseline';

const TICK_JOB_OPTIONS = { removeOnComplete: { count: 100 }, removeOnFail: { count: 100 } };

@Injectable()
export class FleetSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(FleetSchedules.name);

  constructor(
    private readonly config: PricingBotConfig,
    private readonly producer: RepricingProducer,
    @Inject(BASELINE_RECOMPUTER) private readonly recompute: BaselineRecomputer | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const queue = this.producer.queue;
    if (this.config.SWEEP_INTERVAL_MS > 0) {
      await queue.upsertJobScheduler(SWEEP_SCHEDULER, { every: this.config.SWEEP_INTERVAL_MS }, { name: SWEEP_JOB, opts: TICK_JOB_OPTIONS });
    } else {
      await queue.removeJobScheduler(SWEEP_SCHEDULER);
    }
    if (!this.recompute) {
      // Left as it is: another replica may have the baseline query wired.
      this.logger.warn('nightly baseline recompute is not wired here (no batch baseline query supplied)');
      return;
    }
    await queue.upsertJobScheduler(BASELINE_SCHEDULER, { pattern: this.config.BASELINE_CRON, tz: 'UTC' }, { name: BASELINE_JOB, opts: TICK_JOB_OPTIONS });
  }
}
