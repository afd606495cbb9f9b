// Two bot replicas on one Redis: each tick of the sweep and of the nightly baseline runs once in the
// fleet, not once per replica (BullMQ job schedulers instead of per-process timers).
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PricingMetrics } from '../src/metrics/pricing-metrics';
import { BASELINE_JOB, SWEEP_JOB } from '../src/repricing/repricing.job';
import { startPricingBot } from '../src/worker';
import { calm, commitInventoryBatch, seedProducts } from './support/pipeline-simulator';
import { createPricingTestEnv, waitFor, type PricingTestEnv } from './support/pricing-test-env';

const SWEEP_MS = 400;
const TICKS = 5;

describe('fleet schedules', () => {
  let env: PricingTestEnv;
  const replicas: INestApplicationContext[] = [];
  const baselineRuns: string[] = [];

  beforeAll(async () => {
    env = await createPricingTestEnv('fleet', { SWEEP_INTERVAL_MS: String(SWEEP_MS), BASELINE_CRON: '* * * * * *' });
    await seedProducts(env.client, [{ sku: 'A', price: 4.99 }]);
    await commitInventoryBatch(env.client, 1, [calm('A')]);
    const recompute = async (asOf: Date) => (baselineRuns.push(asOf.toISOString()), 1);
    for (let i = 0; i < 2; i++) replicas.push(await startPricingBot({ config: env.config(), recomputeBaselines: recompute }, ['error']));
  });

  afterAll(async () => {
    for (const app of replicas) await app.close();
    await env?.close();
  });

  const ticks = (job: string) =>
    replicas.flatMap((app) =>
      app
        .get(PricingMetrics)
        .ticks.filter((t) => t.job === job)
        .map((t) => t.tickAt),
    );

  it('runs each sweep tick once across two replicas, on the interval', async () => {
    const seen = await waitFor(async () => (ticks(SWEEP_JOB).length >= TICKS ? ticks(SWEEP_JOB) : undefined), 20_000, `${TICKS} sweep ticks`);
    expect(new Set(seen).size).toBe(seen.length); // no tick ran in both replicas
    // Ticks sit on one grid of the interval (a tick due while the fleet is busy is skipped, never doubled).
    const sorted = [...seen].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      const gap = (sorted[i] ?? 0) - (sorted[i - 1] ?? 0);
      expect(gap > 0 && gap % SWEEP_MS === 0, `gap ${gap} ms between ticks`).toBe(true);
    }
  });

  it('runs each baseline tick once across two replicas, with the tick time as the as-of time', async () => {
    const runs = await waitFor(async () => (baselineRuns.length >= 3 ? [...baselineRuns] : undefined), 20_000, '3 baseline ticks');
    expect(new Set(runs).size).toBe(runs.length);
    expect(
      ticks(BASELINE_JOB)
        .map((t) => new Date(t).toISOString())
        .sort(),
    ).toEqual(expect.arrayContaining(runs.slice(0, 3).sort()));
    for (const r of runs) expect(r).toMatch(/:\d\d\.000Z$/); // on the second, as the cron says
  });
});
