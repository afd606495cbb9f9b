// Nightly baseline recomputation. The batch baseline query (libs/domain, run by the pipeline engineer's
// batch job) is injected as a function, so this schedule is testable on its own; after it runs every SKU
// is re-evaluated against the new baselines.
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { CronJob } from 'cron';
import { PricingBotConfig } from '../config/pricing-bot-config';
import { SweepService } from '../triggers/sweep.service';

/** Recomputes sales_baseline from history up to `asOf`; returns how many SKUs got a baseline. */
export type BaselineRecomputer = (asOf: Date) => Promise<number>;

export const BASELINE_RECOMPUTER = Symbol('BASELINE_RECOMPUTER');

@Injectable()
export class BaselineRefreshService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(BaselineRefreshService.name);
  private job: CronJob | null = null;

  constructor(
    private readonly config: PricingBotConfig,
    private readonly sweep: SweepService,
    @Inject(BASELINE_RECOMPUTER) private readonly recompute: BaselineRecomputer | null,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.recompute) {
      this.logger.warn('nightly baseline recompute is not wired (no batch baseline query supplied)');
      return;
    }
    this.job = CronJob.from({
      cronTime: this.config.BASELINE_CRON,
      timeZone: 'UTC',
      start: true,
      onTick: () => {
        this.runNow().catch((error: unknown) => this.logger.error(`baseline recompute failed: ${(error as Error).message}`));
      },
    });
  }

  /** Runs the recomputation for `asOf` and re-evaluates every SKU. */
  async runNow(asOf = new Date()): Promise<number> {
    if (!this.recompute) throw new Error('BASELINE_NOT_WIRED: no batch baseline query supplied');
    const skus = await this.recompute(asOf);
    this.logger.log(`baselines recomputed for ${skus} SKUs as of ${asOf.toISOString()}`);
    await this.sweep.run();
    return skus;
  }

  beforeApplicationShutdown(): void {
    void this.job?.stop();
  }
}
