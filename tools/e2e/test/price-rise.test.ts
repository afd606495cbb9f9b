// Issue 7 done-when: a demand spike produced to Kafka (many sales of one low-stock SKU within the last
// hour, against a seeded baseline) leads to exactly one price rise within seconds, inside the guardrails,
// with its decision row; pipeline and pricing bot run as child processes; the change reaches the API's
// live feed as `price.changed`.
import { DEFAULT_PRICING_POLICY } from '@shelfstream/domain';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SPIKE_SKU } from './support/catalogue';
import { kafkaClient, readTopic } from './support/kafka-topics';
import { connectLive, type LiveClient, type PriceChangedEvent } from './support/live-client';
import { salesEvent, salesProducer, type SalesProducer } from './support/sales-events';
import { waitFor } from './support/wait';

const env = inject('e2e');
const policy = DEFAULT_PRICING_POLICY;
const SKU = SPIKE_SKU.sku;

interface ChangeRow {
  id: string;
  decision_id: string;
  old_price: string;
  new_price: string;
  rule: string;
  changed_at: Date;
}
interface DecisionRow {
  id: string;
  rule: string;
  outcome: string;
  old_price: string;
  new_price: string;
  limited_by: string | null;
  reason: string;
  inputs: { velocity: { onHand: number; unitsLastHour: number } };
}

/** `count` one-unit sales spread over the last 50 minutes (all inside the one-hour velocity). */
function spike(count: number) {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) =>
    salesEvent(SKU, { unitPrice: SPIKE_SKU.price, eventTime: new Date(now - 50 * 60_000 + (i * 50 * 60_000) / count) }),
  );
}

describe('demand spike -> pipeline -> pricing bot -> price-changes -> API', () => {
  let pool: Pool;
  let producer: SalesProducer;
  let client: LiveClient;
  const changes = () => pool.query<ChangeRow>(`SELECT * FROM price_changes WHERE sku = $1 ORDER BY id`, [SKU]).then((r) => r.rows);
  const decisions = () => pool.query<DecisionRow>(`SELECT * FROM price_decisions WHERE sku = $1 ORDER BY id`, [SKU]).then((r) => r.rows);
  const currentPrice = () =>
    pool.query<{ current_price: string }>(`SELECT current_price FROM products WHERE sku = $1`, [SKU]).then((r) => r.rows[0]?.current_price);

  beforeAll(async () => {
    pool = new Pool({ connectionString: env.databaseUrl, max: 2 });
    producer = await salesProducer(env.brokers, env.topics.sales);
    client = await connectLive(env.apiUrl, { skus: [SKU] });
  });
  afterAll(async () => {
    client?.close();
    await producer?.close();
    await pool?.end();
  });

  it('raises the price exactly once, within the guardrails, and tells the dashboard feed', async () => {
    expect(await changes()).toEqual([]);
    const sentAt = performance.now();
    const sentWall = Date.now();
    await producer.send(spike(30));

    const change = await waitFor('a price change for the spiking SKU', async () => (await changes())[0], 30_000, 100);
    const { payload, at } = await client.next<PriceChangedEvent>('price.changed', (p) => p.changes.some((c) => c.sku === SKU), 15_000);
    console.log(
      `[e2e] spike produced -> price change committed ${change.changed_at.getTime() - sentWall} ms, -> price.changed on the socket ${Math.round(at - sentAt)} ms`,
    );

    // The decision behind it: a surge, applied, recorded with its reason.
    const decision = (await decisions()).find((d) => d.id === change.decision_id);
    expect(decision).toMatchObject({ rule: 'surge', outcome: 'applied', old_price: SPIKE_SKU.price.toFixed(2), new_price: change.new_price });
    expect(decision?.reason).toMatch(/\S/);

    // A rise, inside the guardrails of the default policy and the product's floor and ceiling.
    const oldPrice = Number(change.old_price);
    const newPrice = Number(change.new_price);
    expect(oldPrice).toBe(SPIKE_SKU.price);
    expect(newPrice).toBeGreaterThan(oldPrice);
    expect(newPrice).toBeLessThanOrEqual(
      Math.min(SPIKE_SKU.ceiling, oldPrice * (1 + policy.maxChangePerDecisionPct), oldPrice * (1 + policy.maxChangePerDayPct)),
    );
    expect(newPrice).toBeGreaterThanOrEqual(Math.max(SPIKE_SKU.floor, SPIKE_SKU.cost * (1 + policy.minMarginPct)));
    expect(policy.pricePointEndings).toContain(Math.round(newPrice * 100) % 100);
    expect(await currentPrice()).toBe(change.new_price);

    // The feed carries the same change, with the SKU's category.
    expect(payload.changes.find((c) => c.sku === SKU)).toMatchObject({
      oldPrice,
      newPrice,
      rule: 'surge',
      decisionId: Number(change.decision_id),
      category: SPIKE_SKU.category,
    });

    // More demand right after: the bot evaluates the newest rows (all 40 sales) and the cool-down blocks a second rise.
    await producer.send(spike(10));
    const blocked = await waitFor(
      'a decision on all 40 sales blocked by the cool-down',
      async () =>
        (await decisions()).find((d) => d.outcome === 'blocked' && d.limited_by === 'cool-down' && d.inputs.velocity.onHand === SPIKE_SKU.initialStock - 40),
      30_000,
      100,
    );
    expect(blocked.inputs.velocity.unitsLastHour).toBe(40);
    expect(blocked.new_price).toBe(change.new_price);
    expect((await changes()).map((c) => c.id)).toEqual([change.id]);
    expect((await decisions()).filter((d) => d.outcome === 'applied').map((d) => d.id)).toEqual([change.decision_id]);
    expect(await currentPrice()).toBe(change.new_price);

    // Exactly one message for the SKU on price-changes, and no second price.changed on the socket.
    const published = await waitFor(
      'the change published to price-changes',
      async () => {
        const messages = (await readTopic(kafkaClient(env.brokers), env.topics.priceChanges)).filter((m) => m.key === SKU);
        return messages.length > 0 ? messages : undefined;
      },
      15_000,
      200,
    );
    expect(published.map((m) => String((JSON.parse(m.value ?? 'null') as { decisionId?: unknown } | null)?.decisionId))).toEqual([change.decision_id]);
    expect(client.received.filter((r) => r.event === 'price.changed')).toHaveLength(1);
  });
});
