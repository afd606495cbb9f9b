// Nightly baseline recomputation. The batch baseline query (libs/domain, run by the pipeline engineer's
// batch job) is injected as a function, so this is testable on its own; after it runs every SKU is
// re-evaluated against the new baselines. Its schedule is fleet-wide (schedules/fleet-schedules.service.ts).
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SweepService } from '../triggers/sweep.service';

/** Recomputes sales_baseline from history up to `asOf`; returns how many SKUs got a baseline. */
export type BaselineRecomputer = (asOf: Date) => Promise<number>;

export const BASELINE_RECOMPUTER = Symbol('BASELINE_RECOMPUTER');

@Injectable()
export class BaselineRefreshService {
  private readonly logger = new Logger(BaselineRefreshService.name);

  constructor(
    private readonly sweep: SweepService,
    @Inject(BASELINE_RECOMPUTER) private readonly recompute: BaselineRecomputer | null,
  ) {}

  /** Runs the recomputation for `asOf` and re-evaluates every SKU. */
  async runNow(asOf = new Date()): Promise<number> {
    if (!this.recompute) throw new Error('BASELINE_NOT_WIRED: no batch baseline query supplied');
    const skus = await this.recompute(asOf);
    this.logger.log(`baselines recomputed for ${skus} SKUs as of ${asOf.toISOString()}`);
    await this.sweep.run();
    return skus;
  }
}
