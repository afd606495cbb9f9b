// Issue 13 done-when, on the real services: its own `pipeline stream` and pricing bot (a policy file that
// compresses hours into seconds) on a fresh database and topics. A SKU with backfilled 2011 history is
// ignored at start-up and recorded once; a live SKU goes burst → silence → slow period and shows a rise,
// no further rise once its last hour has decayed, the revert to the pre-surge price, then a slow-mover
// discount, each decision with its reason and guardrail steps.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, WORKSPACE_ROOT, type AppProcess } from './support/app-process';
import type { E2eProduct } from './support/catalogue';
import { createTopics, deleteTopics, kafkaClient } from './support/kafka-topics';
import { salesEvent, salesProducer, type SalesProducer } from './support/sales-events';
import { deleteRedisKeys } from './support/redis-keys';
import { createSeededDatabase } from './support/seed-database';
import { waitFor } from './support/wait';

const env = inject('e2e');
const MIN = 60_000;

/** Baseline 2/h, 100 on hand: 40 sales in ten minutes are 20× the baseline and leave 30 h of stock (< 48 h lead time). */
const LIVE: E2eProduct = {
  sku: 'E2E-LOOP-1',
  category: 'loop',
  price: 9.99,
  cost: 4,
  floor: 6,
  ceiling: 14,
  initialStock: 100,
  lowStockThreshold: 20,
  hourlyBaseline: 2,
};
/** Backfilled: 24 sales in the last hour of 2011-12-09 on a 0.0625/h baseline (384×), 5 left. */
const STALE: E2eProduct = {
  sku: 'E2E-LOOP-OLD',
  category: 'loop',
  price: 4.99,
  cost: 2,
  floor: 3,
  ceiling: 7,
  initialStock: 29,
  lowStockThreshold: 20,
  hourlyBaseline: 0.0625,
};
const BACKFILL_END = Date.UTC(2011, 11, 9, 12, 0);
/** Sells once, now, to move the store clock on (no baseline: never priced). */
const CLOCK: E2eProduct = { sku: 'E2E-LOOP-CLOCK', category: 'loop', price: 1, cost: 0.5, floor: 0.5, ceiling: 2, initialStock: 100, lowStockThreshold: 5 };

/**
 * Hours compressed into seconds; surge evidence up to 90 min old counts (the burst is placed ~70 min back).
 * The cool-down (2 min) outlasts the stream's decay check (each minute): once it has passed, only decayed
 * figures can explain that the surge does not rise again.
 */
const POLICY = {
  maxSignalAgeMinutes: 90,
  cooldownMinutes: 2,
  revertHoldMinutes: 0,
  slowMoverVelocityRatio: 0.9,
  slowMoverMinHours: 0.005,
  slowMoverMinCoverDays: 1,
  promoDurationHours: 1,
};

interface DecisionRow {
  id: string;
  sku: string;
  rule: string;
  outcome: string;
  old_price: string;
  new_price: string;
  limited_by: string | null;
  reason: string;
  steps: { rule: string; verdict: string }[];
  inputs: { velocity: { unitsLastHour: number; unitsLast24h: number; lastSaleAt: number | null; asOf: number | null } };
}

describe('pricing loop: stale history ignored; burst → silence → slow period', () => {
  const suffix = randomBytes(4).toString('hex');
  const queuePrefix = `e2e-loop-${suffix}`;
  const kafka = kafkaClient(env.brokers);
  const cleanups: (() => Promise<unknown>)[] = [];
  const apps: AppProcess[] = [];
  let pool: Pool;
  let producer: SalesProducer;

  const decisions = (sku: string) => pool.query<DecisionRow>(`SELECT * FROM price_decisions WHERE sku = $1 ORDER BY id`, [sku]).then((r) => r.rows);
  const price = (sku: string) =>
    pool.query<{ current_price: string }>(`SELECT current_price FROM products WHERE sku = $1`, [sku]).then((r) => r.rows[0]?.current_price);

  beforeAll(async () => {
    const topics = await createTopics(kafka, { sales: 3, deadLetters: 1, priceChanges: 1 });
    cleanups.push(() => deleteTopics(kafka, Object.values(topics)));
    const db = await createSeededDatabase([LIVE, STALE, CLOCK]);
    cleanups.push(() => db.drop());
    cleanups.push(() => deleteRedisKeys(env.redisUrl, queuePrefix));
    pool = new Pool({ connectionString: db.url, max: 2 });

    // The real backfill over the old history: its rows are computed as of the end of that history.
    const dir = mkdtempSync(join(tmpdir(), 'e2e-loop-'));
    const history = Array.from({ length: 24 }, (_, i) =>
      salesEvent(STALE.sku, { unitPrice: STALE.price, eventTime: new Date(BACKFILL_END - 50 * MIN + i * 2 * MIN) }),
    );
    writeFileSync(join(dir, 'history.ndjson'), `${history.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const common = { DATABASE_URL: db.url, KAFKA_BROKERS: env.brokers.join(','), REDIS_URL: env.redisUrl };
    await promisify(execFile)(
      process.execPath,
      ['-r', '@swc-node/register', 'src/main.ts', 'backfill', '--from', join(dir, 'history.ndjson'), '--no-baseline'],
      {
        cwd: join(WORKSPACE_ROOT, 'apps', 'pipeline'),
        env: { ...process.env, ...common },
      },
    );

    const policyFile = join(dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify(POLICY));
    apps.push(
      ...(await Promise.all([
        startApp('pipeline', ['stream', '--topic', topics.sales, '--dead-letter-topic', topics.deadLetters, '--trigger', '100ms'], common),
        startApp('pricing-bot', [], {
          ...common,
          PRICE_CHANGES_TOPIC: topics.priceChanges,
          QUEUE_PREFIX: queuePrefix,
          SWEEP_INTERVAL_MS: '1000',
          PRICING_POLICY_FILE: policyFile,
        }),
      ])),
    );
    producer = await salesProducer(env.brokers, topics.sales);
  });

  afterAll(async () => {
    await producer?.close();
    for (const app of apps) await app.stop();
    await pool?.end();
    for (const cleanup of cleanups.reverse()) await cleanup().catch((e: unknown) => console.error('[e2e] cleanup failed:', e));
  });

  it('ignores the backfilled surge at start-up and records it once, whatever the sweeps', async () => {
    const [ignored] = await waitFor(
      'the start-up decision on the backfilled SKU',
      async () => {
        const rows = await decisions(STALE.sku);
        return rows.length > 0 ? rows : undefined;
      },
      30_000,
    );
    expect(ignored).toMatchObject({ rule: 'surge', outcome: 'ignored', limited_by: 'signal-age', old_price: '4.99', new_price: '4.99' });
    expect(ignored?.reason).toMatch(
      /^24 units in the last hour = 384\.0x baseline .*; ignored: signal-age \(figures from 2011-12-09T11:56:00\.000Z are \d+\.\d days old > 90 min\)$/,
    );
    expect(ignored?.steps.map((s) => [s.rule, s.verdict])).toEqual([['signal-age', 'block']]);
  });

  it('rises on the burst, not again once the hour has decayed, reverts, then discounts the slow mover', async () => {
    const t0 = Date.now();
    // Burst: 40 sales between 75 and 66 minutes ago (fresh under the 90-minute limit).
    await producer.send(Array.from({ length: 40 }, (_, i) => salesEvent(LIVE.sku, { unitPrice: LIVE.price, eventTime: new Date(t0 - 75 * MIN + i * 13_000) })));
    const rise = await waitFor('the surge rise', async () => (await decisions(LIVE.sku)).find((d) => d.rule === 'surge' && d.outcome === 'applied'), 30_000);
    expect(rise).toMatchObject({ old_price: '9.99', new_price: '10.49', limited_by: null });
    // The burst may span micro-batches: the rise comes on the first batch past 3× the baseline.
    expect(rise.reason).toMatch(/^\d+ units in the last hour = \d+\.\dx baseline 2\.00\/h with \d+ on hand: \+5%$/);
    expect(rise.inputs.velocity.unitsLastHour).toBeGreaterThanOrEqual(6);
    expect(await price(LIVE.sku)).toBe('10.49');

    // Silence: another SKU's sale now moves the store clock on an hour; the burst leaves the last hour at the
    // stream's next decay check (each minute of processing time).
    await producer.send([salesEvent(CLOCK.sku, { unitPrice: CLOCK.price, eventTime: new Date() })]);
    const revert = await waitFor(
      'the surge revert',
      async () => (await decisions(LIVE.sku)).find((d) => d.rule === 'surge-revert' && d.outcome === 'applied'),
      200_000,
      250,
    );
    expect(revert).toMatchObject({ old_price: '10.49', new_price: '9.99' });
    expect(revert.inputs.velocity.unitsLastHour).toBe(0);
    expect(revert.reason).toMatch(
      /^velocity back to normal: 0 units in the last hour <= 1\.5x baseline 2\.00\/h for \d+ min: back towards the pre-surge price 9\.99$/,
    );
    expect(revert.steps.map((s) => s.rule)).toContain('pre-surge-price');

    // The slow period: 40 units in 24 h against 48/day (< 90%), with 60 on hand; a discount once the streak lasted.
    const discount = await waitFor(
      'the slow-mover discount',
      async () => (await decisions(LIVE.sku)).find((d) => d.rule === 'slow-mover' && d.outcome === 'applied'),
      200_000,
      250,
    );
    expect(discount).toMatchObject({ old_price: '9.99', new_price: '8.99' });
    expect(discount.reason).toMatch(/^40 units in 24 h vs baseline 48\.0\/day for 0\.\d days with 60 on hand: −10% for 1 h$/);
    expect(await price(LIVE.sku)).toBe('8.99');

    const all = await decisions(LIVE.sku);
    // No further rise: one applied surge; once the figures had decayed, no surge signal at all.
    expect(all.filter((d) => d.rule === 'surge' && d.outcome === 'applied').map((d) => d.id)).toEqual([rise.id]);
    const decayed = all.findIndex((d) => d.inputs.velocity.unitsLastHour === 0);
    expect(decayed).toBeGreaterThan(0);
    expect(all.slice(decayed).filter((d) => d.rule === 'surge')).toEqual([]);
    // The applied ones in order, and every decision explained: a reason, guardrail steps from the signal age on.
    expect(all.filter((d) => d.outcome === 'applied').map((d) => [d.rule, d.old_price, d.new_price])).toEqual([
      ['surge', '9.99', '10.49'],
      ['surge-revert', '10.49', '9.99'],
      ['slow-mover', '9.99', '8.99'],
    ]);
    for (const d of all) {
      expect(d.reason.length).toBeGreaterThan(20);
      expect(d.steps[0]).toMatchObject({ rule: 'signal-age', verdict: 'pass' });
      if (d.outcome === 'blocked') expect(d.reason).toContain(`blocked by ${d.limited_by}`);
    }
    const counts = new Map<string, number>();
    for (const d of all) counts.set(`${d.rule} ${d.outcome}`, (counts.get(`${d.rule} ${d.outcome}`) ?? 0) + 1);
    console.log(`[e2e] pricing loop: ${all.length} decisions on ${LIVE.sku} in ${Date.now() - t0} ms (${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')})`);

    // Still exactly one record of the backfilled surge after all those sweeps, and its price never moved.
    expect((await decisions(STALE.sku)).filter((d) => d.outcome === 'ignored')).toHaveLength(1);
    expect(await price(STALE.sku)).toBe('4.99');
  }, 480_000);
});
