// A demand spike committed by the pipeline leads to exactly one price rise, within the guardrails,
// recorded as a decision and published to Kafka; further spike batches are held back by the cool-down.
// How soon the rise follows the commit is measured by `npx nx run pricing-bot:bench` (notify -> price change).
import type { INestApplicationContext } from '@nestjs/common';
import { freePort } from '@shelfstream/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PricingMetrics } from '../src/metrics/pricing-metrics';
import { startPricingBot } from '../src/worker';
import { calm, commitInventoryBatch, seedProducts, spike } from './support/pipeline-simulator';
import { collectTopic, createPricingTestEnv, type TopicCollector, waitFor, waitForPublished, type PricingTestEnv } from './support/pricing-test-env';

describe('demand spike', () => {
  let env: PricingTestEnv;
  let app: INestApplicationContext;
  let topic: TopicCollector;
  let metricsPort: number;

  beforeAll(async () => {
    env = await createPricingTestEnv('spike');
    await seedProducts(env.client, [
      { sku: 'HOT', price: 9.99, unitCost: 5, ceiling: 15 },
      { sku: 'CALM', price: 4.99 },
    ]);
    await commitInventoryBatch(env.client, 1, [calm('HOT'), calm('CALM')]);
    topic = await collectTopic(env.kafka, env.topic);
    metricsPort = await freePort();
    app = await startPricingBot({ config: env.config({ METRICS_PORT: metricsPort }) }, ['error']);
  });

  afterAll(async () => {
    await app?.close();
    await topic?.stop();
    await env?.close();
  });

  it('raises the price once, with its decision row and Kafka message', async () => {
    await commitInventoryBatch(env.client, 2, [spike('HOT'), calm('CALM')]);
    const change = await waitFor(async () => (await env.client.query(`SELECT * FROM price_changes WHERE sku = 'HOT'`)).rows[0], 10_000, 'a price change');
    expect(change).toMatchObject({ old_price: '9.99', new_price: '10.49', rule: 'surge', reference_price: '9.99' });

    const { rows: products } = await env.client.query(`SELECT sku, current_price FROM products ORDER BY sku`);
    expect(products).toEqual([
      { sku: 'CALM', current_price: '4.99' },
      { sku: 'HOT', current_price: '10.49' },
    ]);
    const { rows: live } = await env.client.query(`SELECT current_price FROM live_inventory WHERE sku = 'HOT'`);
    expect(live[0].current_price).toBe('10.49');

    const { rows: decisions } = await env.client.query(`SELECT * FROM price_decisions WHERE sku = 'HOT'`);
    expect(decisions).toHaveLength(1);
    const d = decisions[0];
    expect(d).toMatchObject({
      rule: 'surge',
      outcome: 'applied',
      old_price: '9.99',
      proposed_price: '10.49',
      new_price: '10.49',
      limited_by: null,
      trigger: 'notification',
      batch_id: '2',
    });
    expect(d.reason).toMatch(/30 units in the last hour = 15\.0x baseline/);
    expect(d.inputs.velocity).toMatchObject({ onHand: 10, unitsLastHour: 30, baselineHourlyRate: 2 });
    expect(d.steps.map((s: { rule: string }) => s.rule)).toEqual([
      'signal-age',
      'kill-switch',
      'cool-down',
      'max-changes-per-day',
      'floor',
      'ceiling',
      'max-change-per-decision',
      'max-change-per-day',
      'price-points',
    ]);
    // Within the guardrails: above cost + 5% (5.25), under the ceiling (15), within ±15% of 9.99.
    expect(Number(d.new_price)).toBeGreaterThanOrEqual(5.25);
    expect(Number(d.new_price)).toBeLessThanOrEqual(Math.min(15, 9.99 * 1.15));

    const message = await waitFor(async () => topic.messages[0], 10_000, 'the Kafka message');
    expect(message).toEqual({
      key: 'HOT',
      value: {
        sku: 'HOT',
        oldPrice: 9.99,
        newPrice: 10.49,
        reason: d.reason,
        rule: 'surge',
        decidedAt: new Date(d.decided_at).toISOString(),
        decisionId: Number(d.id),
      },
    });
    // CALM's evaluation is a job of its own, which may still run after HOT's price change is published
    const reference = await waitFor(
      async () => {
        const { rows } = await env.client.query(`SELECT sku, reference_price, window_days FROM price_reference ORDER BY sku`);
        return rows.length >= 2 ? rows : undefined;
      },
      10_000,
      'both reference prices',
    );
    expect(reference).toEqual([
      { sku: 'CALM', reference_price: '4.99', window_days: 30 },
      { sku: 'HOT', reference_price: '9.99', window_days: 30 },
    ]);
    expect(d.inputs.policy).toMatchObject({ surgeVelocityMultiple: 3, surgeStepPct: 0.05 });
  });

  it('holds further spike batches back with the cool-down: still exactly one rise', async () => {
    await commitInventoryBatch(env.client, 3, [spike('HOT')]);
    const blocked = await waitFor(
      async () => (await env.client.query(`SELECT * FROM price_decisions WHERE sku = 'HOT' AND batch_id = 3`)).rows[0],
      10_000,
      'the second decision',
    );
    expect(blocked).toMatchObject({ outcome: 'blocked', limited_by: 'cool-down', new_price: '10.49' });
    const { rows } = await env.client.query(`SELECT count(*)::int AS n FROM price_changes`);
    expect(rows[0].n).toBe(1);
    expect(app.get(PricingMetrics).applied).toBe(1);
    // No second message: the outbox has sent all it holds, and the topic is read up to a marker sent after that.
    await waitForPublished(env.client);
    expect(await topic.untilMarker('HOT')).toHaveLength(1);
  });

  it('serves the decisions by rule and outcome on /metrics', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(metrics).toMatch(/^shelfstream_pricing_bot_decisions_total\{rule="surge",outcome="applied"\} 1$/m);
    expect(metrics).toMatch(/^shelfstream_pricing_bot_decisions_total\{rule="surge",outcome="blocked"\} [1-9]/m);
  });
});
