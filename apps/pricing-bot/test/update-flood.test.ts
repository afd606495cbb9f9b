// A flood of 1,000 committed updates for one SKU: evaluations of that SKU never overlap, far fewer
// than 1,000 run, and the last one sees the newest data.
import type { INestApplicationContext } from '@nestjs/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PricingMetrics } from '../src/metrics/pricing-metrics';
import { RepricingProducer } from '../src/repricing/repricing.producer';
import { startPricingBot } from '../src/worker';
import { calm, commitInventoryBatch, seedProducts, spike } from './support/pipeline-simulator';
import { collectTopic, createPricingTestEnv, waitFor, waitForIdleQueue, type PricingTestEnv } from './support/pricing-test-env';

const UPDATES = 1000;

describe('a flood of updates for one SKU', () => {
  let env: PricingTestEnv;
  let app: INestApplicationContext;

  beforeAll(async () => {
    env = await createPricingTestEnv('flood');
    await seedProducts(env.client, [{ sku: 'FLOOD', price: 9.99 }]);
    await commitInventoryBatch(env.client, 1, [calm('FLOOD')]);
    app = await startPricingBot({ config: env.config({ EVALUATION_CONCURRENCY: 8 }) }, ['error']);
  });

  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  it('runs one evaluation at a time, coalesced, ending on the newest data', async () => {
    const metrics = app.get(PricingMetrics);
    const topic = await collectTopic(env.kafka, env.topic);
    try {
      // The simulated pipeline commits without waiting for fsync, so the 1,000 batches arrive as a burst.
      await env.client.query('SET synchronous_commit = off');
      // 999 ordinary batches with a slowly falling stock, then the spike as the newest one.
      const started = Date.now();
      for (let b = 2; b <= UPDATES; b++) await commitInventoryBatch(env.client, b, [{ ...calm('FLOOD'), onHand: 1100 - b }]);
      await commitInventoryBatch(env.client, UPDATES + 1, [spike('FLOOD')]);

      const floodMs = Date.now() - started;
      const decision = await waitFor(
        async () => (await env.client.query(`SELECT * FROM price_decisions WHERE sku = 'FLOOD'`)).rows[0],
        15_000,
        'the decision on the newest batch',
      );
      expect(decision).toMatchObject({ outcome: 'applied', rule: 'surge', new_price: '10.49' });
      expect(decision.inputs.velocity.onHand).toBe(10);
      await waitFor(async () => (topic.messages.length > 0 ? true : undefined), 10_000, 'the Kafka message');
      await waitForIdleQueue(app.get(RepricingProducer).queue); // every evaluation the flood caused has run

      expect(metrics.maxConcurrentPerSku).toBe(1);
      expect(metrics.evaluations).toBeGreaterThanOrEqual(1);
      // Coalescing: at most one evaluation per debounce interval while the flood lasts, far below 1,000.
      const debounceMs = env.config().EVALUATION_DEBOUNCE_MS;
      expect(metrics.evaluations).toBeLessThanOrEqual(Math.ceil(floodMs / debounceMs) + 2);
      expect(metrics.evaluations).toBeLessThan(UPDATES / 2);
      const { rows } = await env.client.query(`SELECT count(*)::int AS n FROM price_changes`);
      expect(rows[0].n).toBe(1);
      console.log(`flood: ${UPDATES + 1} updates in ${floodMs} ms -> ${metrics.evaluations} evaluations, max ${metrics.maxConcurrentPerSku} at once`);
    } finally {
      await topic.stop();
    }
  });
});
