// The run-time kill switch: while the Redis key is set, a spike is decided, recorded and blocked;
// once cleared, the next spike is applied. No restart in between.
import type { INestApplicationContext } from '@nestjs/common';
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setKillSwitch } from '../src/kill-switch/kill-switch.service';
import { startPricingBot } from '../src/worker';
import { calm, commitInventoryBatch, seedProducts, spike } from './support/pipeline-simulator';
import { createPricingTestEnv, waitFor, type PricingTestEnv } from './support/pricing-test-env';

describe('kill switch at run time', () => {
  let env: PricingTestEnv;
  let app: INestApplicationContext;
  let redis: IORedis;

  beforeAll(async () => {
    env = await createPricingTestEnv('kill');
    redis = new IORedis({ maxRetriesPerRequest: null });
    await seedProducts(env.client, [{ sku: 'K', price: 9.99 }]);
    await commitInventoryBatch(env.client, 1, [calm('K')]);
    app = await startPricingBot({ config: env.config() }, ['error']);
  });

  afterAll(async () => {
    await app?.close();
    await redis?.del(`${env.queuePrefix}:pricing:kill-switch`);
    redis?.disconnect();
    await env?.close();
  });

  const decisionOf = (batch: number) => async () =>
    (await env.client.query(`SELECT outcome, limited_by, new_price FROM price_decisions WHERE batch_id = $1`, [batch])).rows[0];

  it('blocks while on and lets the next spike through once off', async () => {
    await setKillSwitch(redis, env.queuePrefix, true);
    await commitInventoryBatch(env.client, 2, [spike('K')]);
    expect(await waitFor(decisionOf(2), 10_000, 'the blocked decision')).toEqual({ outcome: 'blocked', limited_by: 'kill-switch', new_price: '9.99' });
    expect((await env.client.query(`SELECT count(*)::int AS n FROM price_changes`)).rows[0].n).toBe(0);

    await setKillSwitch(redis, env.queuePrefix, false);
    await commitInventoryBatch(env.client, 3, [spike('K')]);
    expect(await waitFor(decisionOf(3), 10_000, 'the applied decision')).toEqual({ outcome: 'applied', limited_by: null, new_price: '10.49' });
    expect((await env.client.query(`SELECT current_price FROM products WHERE sku = 'K'`)).rows[0].current_price).toBe('10.49');
  });
});
