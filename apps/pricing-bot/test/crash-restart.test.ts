// Killing the worker (SIGKILL) mid-job and restarting it never applies a change twice:
// (a) killed after its transaction committed, before the job completed (held in the outbox publish);
// (b) killed inside its transaction, before commit (held on the product's row lock).
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLISHER_LOCK_KEY } from '../src/publishing/price-change-publisher.service';
import { calm, commitInventoryBatch, seedProducts, spike } from './support/pipeline-simulator';
import { collectTopic, createPricingTestEnv, waitFor, waitForIdleQueue, waitForPublished, type PricingTestEnv } from './support/pricing-test-env';
import { spawnWorker, type WorkerProcess } from './support/worker-process';

describe('worker killed mid-job', () => {
  let env: PricingTestEnv;
  let holder: Client;
  let redis: IORedis;
  let queue: Queue;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    env = await createPricingTestEnv('crash', { JOB_LOCK_MS: '1000', STALLED_CHECK_MS: '1000' });
    await seedProducts(env.client, [
      { sku: 'AFTER', price: 9.99 },
      { sku: 'BEFORE', price: 19.99 },
    ]);
    await commitInventoryBatch(env.client, 1, [calm('AFTER'), calm('BEFORE')]);
    holder = new Client({ connectionString: env.db.url });
    await holder.connect();
    redis = new IORedis({ maxRetriesPerRequest: null });
    queue = new Queue('repricing', { connection: redis, prefix: env.queuePrefix });
  });

  afterAll(async () => {
    for (const w of workers) await w.kill();
    await queue?.close();
    redis?.disconnect();
    await holder?.end();
    await env?.close();
  });

  const start = async () => {
    const w = await spawnWorker(env.env);
    workers.push(w);
    return w;
  };
  const count = async (sql: string) => (await env.client.query(sql)).rows[0].n as number;
  const completedResults = async () => (await queue.getJobs(['completed'])).map((j) => j.returnvalue as { status: string });

  it('(a) after commit: the retried job finds its decision and does nothing', async () => {
    const topic = await collectTopic(env.kafka, env.topic);
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [PUBLISHER_LOCK_KEY]);
      const first = await start();
      await commitInventoryBatch(env.client, 2, [spike('AFTER')]);
      await waitFor(
        async () => ((await count(`SELECT count(*)::int AS n FROM price_changes WHERE sku = 'AFTER'`)) === 1 ? true : undefined),
        15_000,
        'the committed change',
      );
      expect(await queue.getActiveCount()).toBe(1); // the job is still running, held in its publish step
      await first.kill('SIGKILL');

      await start();
      await waitFor(async () => ((await completedResults()).some((r) => r.status === 'duplicate') ? true : undefined), 15_000, 'the re-run of the stalled job');
      await holder.query('SELECT pg_advisory_unlock($1)', [PUBLISHER_LOCK_KEY]);

      await waitForPublished(env.client);
      expect(await count(`SELECT count(*)::int AS n FROM price_changes WHERE sku = 'AFTER'`)).toBe(1);
      expect(await count(`SELECT count(*)::int AS n FROM price_decisions WHERE sku = 'AFTER'`)).toBe(1);
      expect((await env.client.query(`SELECT current_price FROM products WHERE sku = 'AFTER'`)).rows[0].current_price).toBe('10.49');
      // Sent once: the topic read up to a marker sent after the outbox published.
      expect((await topic.untilMarker('AFTER')).map((m) => m.value['newPrice'])).toEqual([10.49]);
    } finally {
      await topic.stop();
    }
  });

  it('(b) before commit: the transaction dies with the process and the re-run applies once', async () => {
    for (const w of workers) await w.kill();
    await holder.query('BEGIN');
    await holder.query(`SELECT 1 FROM products WHERE sku = 'BEFORE' FOR UPDATE`);
    const first = await start();
    await commitInventoryBatch(env.client, 3, [spike('BEFORE')]);
    await waitFor(
      async () =>
        (await count(
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()`,
        )) > 0
          ? true
          : undefined,
      15_000,
      'the job waiting on the row lock',
    );
    await first.kill('SIGKILL');
    await start();
    await holder.query('COMMIT');

    await waitFor(
      async () => ((await count(`SELECT count(*)::int AS n FROM price_changes WHERE sku = 'BEFORE'`)) === 1 ? true : undefined),
      15_000,
      'the change after restart',
    );
    await waitForIdleQueue(queue); // the stalled job re-run and every other evaluation done: none left to apply twice
    expect(await count(`SELECT count(*)::int AS n FROM price_changes WHERE sku = 'BEFORE'`)).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM price_decisions WHERE sku = 'BEFORE' AND outcome = 'applied'`)).toBe(1);
    expect((await env.client.query(`SELECT current_price FROM products WHERE sku = 'BEFORE'`)).rows[0].current_price).toBe('20.99');
  });
});
