// In-process counters of the worker (what the tests and the benchmark read) and its Prometheus registry.
import { createMetricsRegistry } from '@shelfstream/platform';
import { Counter } from 'prom-client';

export class PricingMetrics {
  readonly registry = createMetricsRegistry('shelfstream_pricing_bot_');
  readonly decisionsByRule = new Counter({
    name: 'shelfstream_pricing_bot_decisions_total',
    help: 'Recorded pricing decisions by rule and outcome',
    labelNames: ['rule', 'outcome'] as const,
    registers: [this.registry],
  });

  evaluations = 0;
  decisions = 0;
  /** Decisions ignored because their signal was stale (recorded once per SKU, rule and evidence time). */
  ignored = 0;
  applied = 0;
  duplicates = 0;
  /** The last schedule ticks this process ran (job name and the time it was scheduled for). */
  readonly ticks: { job: string; tickAt: number }[] = [];
  /** Highest number of evaluations of one SKU seen running at once in this process. */
  maxConcurrentPerSku = 0;
  private readonly active = new Map<string, number>();

  recordDecision(rule: string, outcome: string): void {
    this.decisions++;
    if (outcome === 'ignored') this.ignored++;
    if (outcome === 'applied') this.applied++;
    this.decisionsByRule.inc({ rule, outcome });
  }

  recordTick(job: string, tickAt: number): void {
    this.ticks.push({ job, tickAt });
    if (this.ticks.length > 200) this.ticks.shift();
  }

  begin(sku: string): void {
    const n = (this.active.get(sku) ?? 0) + 1;
    this.active.set(sku, n);
    this.maxConcurrentPerSku = Math.max(this.maxConcurrentPerSku, n);
    this.evaluations++;
  }

  end(sku: string): void {
    const n = (this.active.get(sku) ?? 1) - 1;
    if (n <= 0) this.active.delete(sku);
    else this.active.set(sku, n);
  }
}
