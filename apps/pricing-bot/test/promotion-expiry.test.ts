// Slow mover: a promotional discount is applied with its 30-day reference price, and the delayed BullMQ
// job reverts it when it expires (policy shortened to seconds for the test).
import type { INestApplicationContext } from '@nestjs/common';
import { DEFAULT_PRICING_POLICY } from '@shelfstream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPricingBot } from '../src/worker';
import { commitInventoryBatch, seedProducts } from './support/pipeline-simulator';
import { createPricingTestEnv, waitFor, type PricingTestEnv } from './support/pricing-test-env';

const PROMO_SECONDS = 2;

describe('promotion expiry', () => {
  let env: PricingTestEnv;
  let app: INestApplicationContext;

  beforeAll(async () => {
    env = await createPricingTestEnv('promo');
    await seedProducts(env.client, [{ sku: 'SLOW', price: 9.99, unitCost: 4 }]);
    const policy = { ...DEFAULT_PRICING_POLICY, slowMoverMinHours: 0, cooldownMinutes: 0, promoDurationHours: PROMO_SECONDS / 3600 };
    app = await startPricingBot({ config: env.config({ policy }) }, ['error']);
  });

  afterAll(async () => {
    await app?.close();
    await env?.close();
  });

  it('discounts a slow mover, then the delayed job restores the regular price', async () => {
    // 1 unit in 24 h against a 2/h baseline, with 1,000 on hand (500 days of cover).
    await commitInventoryBatch(env.client, 1, [{ sku: 'SLOW', onHand: 1000, unitsLastHour: 0, unitsLast24h: 1, baselineHourlyRate: 2, stockoutInHours: null }]);
    const changes = async (n: number) => {
      const { rows } = await env.client.query(`SELECT rule, old_price, new_price, reference_price, changed_at FROM price_changes ORDER BY id`);
      return rows.length >= n ? rows : undefined;
    };
    const [promo] = await waitFor(() => changes(1), 10_000, 'the discount');
    expect(promo).toMatchObject({ rule: 'slow-mover', old_price: '9.99', new_price: '8.99', reference_price: '9.99' });
    const state = (await env.client.query(`SELECT promo_regular_price, promo_expires_at FROM price_sku_state WHERE sku = 'SLOW'`)).rows[0];
    expect(state.promo_regular_price).toBe('9.99');

    const [, revert] = (await waitFor(() => changes(2), 15_000, 'the revert')) ?? [];
    expect(revert).toMatchObject({ rule: 'promo-expiry', old_price: '8.99', new_price: '9.99', reference_price: '8.99' });
    expect(new Date(revert.changed_at).getTime()).toBeGreaterThanOrEqual(new Date(state.promo_expires_at).getTime());
    const { rows: decisions } = await env.client.query(`SELECT trigger FROM price_decisions WHERE rule = 'promo-expiry'`);
    expect(decisions).toEqual([{ trigger: 'promo-expiry' }]);
    expect((await env.client.query(`SELECT current_price FROM products`)).rows[0].current_price).toBe('9.99');
  });
});
