// kill -9 the pricing bot mid-work and the API, repeatedly, while the pipeline streams a load; then a
// backlog of bot jobs in Redis. No price change is applied twice, the bot resumes evaluations and the
// API answers /health again on its own after each restart, the pipeline's tables equal the oracle.
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents } from 'bullmq';
import IORedis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, killAllApps, startApp } from './support/app-process';
import { chaosSettings, REDIS_URL, SHARED_BROKERS } from './support/chaos-settings';
import { freePort, waitHealthy } from './support/http-probe';
import { auditPrices } from './support/price-audit';
import { produceOverTime, salesEvents, toMessage } from './support/sales-workload';
import { createStreamScenario, type StreamScenario } from './support/stream-scenario';
import { streamVerdict } from './support/stream-verdict';
import { recordScenario } from './support/summary';
import { sleep, waitFor } from './support/wait';

const settings = chaosSettings();
const QUEUE = 'repricing';
let scenario: StreamScenario;
let redis: IORedis;
let queue: Queue;
let botEnv: Record<string, string>;
let apiEnv: Record<string, string>;
let apiUrl: string;

beforeAll(async () => {
  scenario = await createStreamScenario({ name: 'services', skus: settings.skus, brokers: SHARED_BROKERS, hourlyBaseline: 0.5 });
  const priceTopic = await scenario.topics.create('chaos-prices', 3);
  const prefix = `chaos-${randomBytes(4).toString('hex')}`;
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  botEnv = {
    ...scenario.env,
    REDIS_URL,
    PRICE_CHANGES_TOPIC: priceTopic,
    QUEUE_PREFIX: prefix,
    REPRICING_QUEUE: QUEUE,
    JOB_LOCK_MS: '2000',
    STALLED_CHECK_MS: '2000',
    SWEEP_INTERVAL_MS: '5000',
  };
  apiEnv = { ...scenario.env, REDIS_URL, PRICE_CHANGES_TOPIC: priceTopic, PORT: String(port), HOST: '127.0.0.1' };
  redis = new IORedis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE, { connection: redis, prefix });
});

afterAll(async () => {
  await killAllApps();
  await queue?.obliterate({ force: true }).catch(() => undefined);
  await queue?.close();
  redis?.disconnect();
  await scenario?.close();
});

const decisions = async () => (await scenario.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM price_decisions')).rows[0].n;
const startBot = () => startApp('pricing-bot', ['worker'], { env: botEnv });
const startApi = () => startApp('api', [], { env: apiEnv });

describe('pricing bot and API under kill -9, then a Redis backlog', () => {
  it('never applies a price change twice and every service recovers on its own', async () => {
    const events = salesEvents(scenario.products, settings.events, 8303, 'svc');
    const stream = await scenario.startStream();
    let api: AppProcess = await startApi();
    await waitHealthy(apiUrl);
    let bot: AppProcess = await startBot();
    const production = produceOverTime(scenario.topics, scenario.topic, events.map(toMessage), settings.produceSeconds);
    const botRecovery: number[] = [];
    const apiRecovery: number[] = [];
    const rounds = Math.max(settings.botKills, settings.apiKills);
    const gap = (settings.produceSeconds * 1000) / (rounds + 1);
    for (let k = 0; k < rounds; k++) {
      await sleep(gap / 2);
      if (k < settings.botKills) {
        // Mid-work: the bot has just recorded a decision (it is evaluating).
        const seen = await decisions();
        await waitFor('the bot to be evaluating', async () => ((await decisions()) > seen ? true : undefined), 60_000, 50);
        await bot.kill('SIGKILL');
        const killedAt = Date.now();
        const before = await decisions();
        bot = await startBot();
        await waitFor('the restarted bot to record a decision', async () => ((await decisions()) > before ? true : undefined), 90_000, 100);
        botRecovery.push(Date.now() - killedAt);
      }
      if (k < settings.apiKills) {
        await api.kill('SIGKILL');
        const killedAt = Date.now();
        api = await startApi();
        await waitHealthy(apiUrl);
        apiRecovery.push(Date.now() - killedAt);
        const inventory = (await (await fetch(`${apiUrl}/api/v1/inventory?limit=1`)).json()) as { total: number };
        expect(inventory.total).toBeGreaterThan(0);
      }
    }
    await production.done;
    await scenario.waitCaughtUp(stream);
    const idle = async () => {
      const c = await queue.getJobCounts('waiting', 'active', 'prioritized');
      return c.waiting + c.active + c.prioritized === 0 ? true : undefined;
    };
    await waitFor('the bot queue to drain', idle, 120_000, 250);

    // A backlog in Redis while the bot is down: every job is run once, and the bot stays responsive.
    await bot.kill('SIGTERM');
    const skus = scenario.products.map((p) => p.sku);
    const backlog = Array.from({ length: settings.redisBacklog }, (_, i) => ({
      name: 'evaluate',
      data: { sku: skus[i % skus.length], trigger: 'sweep', batchId: null },
      opts: { jobId: `backlog-${i}`, attempts: 3 },
    }));
    for (let i = 0; i < backlog.length; i += 1000) await queue.addBulk(backlog.slice(i, i + 1000));
    // Completions are counted from the queue's event stream: the bot trims completed jobs (removeOnComplete
    // on its own jobs), so job states cannot be read back afterwards. A job completing twice would show here.
    const eventsConnection = redis.duplicate();
    const queueEvents = new QueueEvents(QUEUE, { connection: eventsConnection, prefix: botEnv['QUEUE_PREFIX'] });
    await queueEvents.waitUntilReady();
    const completions = new Map<string, number>();
    const failures = new Set<string>();
    queueEvents.on('completed', ({ jobId }) => {
      if (jobId.startsWith('backlog-')) completions.set(jobId, (completions.get(jobId) ?? 0) + 1);
    });
    queueEvents.on('failed', ({ jobId }) => {
      if (jobId.startsWith('backlog-')) failures.add(jobId);
    });
    const filledAt = Date.now();
    bot = await startBot();
    await waitFor('the backlog to drain', idle, 240_000, 250);
    const drainMs = Date.now() - filledAt;
    await waitFor('every backlog completion event', async () => (completions.size + failures.size >= backlog.length ? true : undefined), 30_000, 200).catch(
      () => undefined,
    );
    await queueEvents.close();
    eventsConnection.disconnect();
    const repeated = [...completions.values()].filter((n) => n > 1).length;
    const jobs = { completed: completions.size, failed: failures.size, repeated, other: backlog.length - completions.size - failures.size };
    await bot.kill('SIGTERM');
    await stream.kill('SIGTERM');
    await api.kill('SIGTERM');

    const audit = await auditPrices(scenario.db.pool);
    const published = await scenario.topics.readAll(botEnv['PRICE_CHANGES_TOPIC']);
    const publishedIds = new Set(published.map((m) => (JSON.parse(String(m.value)) as { decisionId: number }).decisionId));
    const verdict = await streamVerdict(scenario);
    console.log(
      `services-kill:\n${verdict.report}\nprices: ${JSON.stringify(audit)}\npublished: ${published.length} messages, ${publishedIds.size} decisions\nbacklog: ${settings.redisBacklog} jobs drained in ${drainMs} ms, ${JSON.stringify(jobs)}`,
    );
    const pricesOk =
      audit.decisionsAppliedTwice === 0 && audit.brokenLinks.length === 0 && audit.priceMismatches.length === 0 && audit.applied === audit.changes;
    const tablesOk = verdict.diffs.every((d) => d.problems === 0);
    recordScenario({
      scenario: 'kill -9 pricing bot',
      faults: `${settings.botKills}x SIGKILL bot mid-evaluation`,
      faultCount: settings.botKills,
      eventsIn: verdict.contents.messages,
      eventsInTables: verdict.balance.salesInTables,
      rejected: 0,
      duplicates: audit.decisionsAppliedTwice + audit.brokenLinks.length + verdict.balance.duplicates,
      losses: verdict.balance.losses + audit.unpublished,
      recoveryMs: botRecovery,
      ok: pricesOk && tablesOk,
      notes: `${audit.decisions} decisions, ${audit.applied} applied, ${audit.changes} price changes, ${publishedIds.size} published (${published.length} messages), chain unbroken: ${audit.brokenLinks.length === 0}`,
    });
    recordScenario({
      scenario: 'kill -9 API',
      faults: `${settings.apiKills}x SIGKILL api`,
      faultCount: settings.apiKills,
      eventsIn: 0,
      eventsInTables: 0,
      rejected: 0,
      duplicates: 0,
      losses: 0,
      recoveryMs: apiRecovery,
      ok: apiRecovery.length === settings.apiKills,
      notes: 'recovery = SIGKILL to /health 200 (Postgres, Redis, Kafka reachable) from the restarted process',
    });
    recordScenario({
      scenario: 'Redis backlog of bot jobs',
      faults: `${settings.redisBacklog} jobs queued while the bot was down`,
      faultCount: 1,
      eventsIn: settings.redisBacklog,
      eventsInTables: jobs.completed,
      rejected: jobs.failed,
      duplicates: audit.decisionsAppliedTwice + jobs.repeated,
      losses: jobs.other,
      recoveryMs: [drainMs],
      ok: jobs.failed === 0 && jobs.completed === settings.redisBacklog,
      notes: `drained at ${Math.round((settings.redisBacklog * 1000) / drainMs)} jobs/s (recovery = bot start to empty queue)`,
    });
    expect(botRecovery.length).toBe(settings.botKills);
    expect(apiRecovery.length).toBe(settings.apiKills);
    expect(audit.decisions).toBeGreaterThan(0);
    expect(audit.decisionsAppliedTwice).toBe(0);
    expect(audit.brokenLinks).toEqual([]);
    expect(audit.priceMismatches).toEqual([]);
    expect(audit.changes).toBe(audit.applied);
    expect(audit.unpublished).toBe(0);
    expect(jobs.failed).toBe(0);
    expect(jobs.completed).toBe(settings.redisBacklog);
    expect(jobs.repeated).toBe(0);
    expect(publishedIds.size).toBe(audit.changes);
    expect(verdict.diffs.map((d) => [d.table, d.problems])).toEqual(verdict.diffs.map((d) => [d.table, 0]));
  });
});
