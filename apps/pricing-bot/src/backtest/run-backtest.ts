// Replays every SKU twice (static prices, then the bot) and sums the results into a report.
import type { PricingPolicy } from '@shelfstream/domain';
import type { BacktestInput } from './backtest-input';
import type { BacktestSettings } from './backtest-settings';
import { emptyArm, simulateSku, type ArmResult } from './simulate-sku';

export interface BacktestReport {
  readonly startHour: number;
  readonly hours: number;
  readonly skus: number;
  readonly skusTouched: number;
  readonly velocitySource: string;
  readonly settings: BacktestSettings;
  readonly policy: PricingPolicy;
  readonly before: ArmResult;
  readonly after: ArmResult;
  readonly elapsedMs: number;
}

export function runBacktest(input: BacktestInput, policy: PricingPolicy, settings: BacktestSettings): BacktestReport {
  const started = performance.now();
  const days = Math.ceil(input.hours / 24);
  const before = emptyArm(days);
  const after = emptyArm(days);
  let skusTouched = 0;
  const demand = new Float64Array(input.hours);
  for (const product of input.products) {
    demand.fill(0);
    for (const [h, units] of input.sales.get(product.sku) ?? []) demand[h] = units;
    const replay = { product, demand, startHour: input.startHour };
    simulateSku(replay, null, settings, before);
    const changesBefore = after.changes;
    simulateSku(replay, policy, settings, after);
    if (after.changes > changesBefore) skusTouched++;
  }
  return {
    startHour: input.startHour, hours: input.hours, skus: input.products.length, skusTouched, velocitySource: input.velocitySource,
    settings, policy, before, after, elapsedMs: performance.now() - started,
  };
}
