// Cut every Postgres connection of the test database (pg_terminate_backend) mid-stream, while the
// pipeline, the pricing bot and the API all use it. After each cut every service works again by
// itself; the final tables equal the oracle and no price change is applied twice.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllApps, startApp } from './support/app-process';
import { chaosSettings, REDIS_URL, SHARED_BROKERS } from './support/chaos-settings';
import { type FaultRunResult, runFaults } from './support/fault-run';
import { freePort, waitHealthy } from './support/http-probe';
import { auditPrices, type PriceAudit } from './support/price-audit';
import { salesEvents } from './support/sales-workload';
import { createStreamScenario, type StreamScenario } from './support/stream-scenario';
import { type StreamVerdict, streamVerdict } from './support/stream-verdict';
import { recordScenario } from './support/summary';
import { type Supervised, supervise } from './support/supervisor';
import { waitFor } from './support/wait';

const settings = chaosSettings();
let scenario: StreamScenario;
let apiUrl: string;
let bot: Supervised;
let api: Supervised;
const result: { run?: FaultRunResult; verdict?: StreamVerdict; audit?: PriceAudit; botExits?: number; apiExits?: number } = {};

beforeAll(async () => {
  scenario = await createStreamScenario({ name: 'pgcut', skus: settings.skus, brokers: SHARED_BROKERS, hourlyBaseline: 0.5 });
  const priceTopic = await scenario.topics.create('chaos-prices-pg', 3);
  const port = await freePort();
  apiUrl = `http://127.0.0.1:${port}`;
  const common = { ...scenario.env, REDIS_URL, PRICE_CHANGES_TOPIC: priceTopic };
  const botEnv = {
    ...common,
    QUEUE_PREFIX: `chaos-pg-${randomBytes(4).toString('hex')}`,
    JOB_LOCK_MS: '2000',
    STALLED_CHECK_MS: '2000',
    SWEEP_INTERVAL_MS: '5000',
  };
  api = await supervise(() => startApp('api', [], { env: { ...common, PORT: String(port), HOST: '127.0.0.1' } }));
  bot = await supervise(() => startApp('pricing-bot', ['worker'], { env: botEnv }));
});

afterAll(async () => {
  await bot?.stop().catch(() => undefined);
  await api?.stop().catch(() => undefined);
  await killAllApps();
  await scenario?.close();
});

const decisions = async () => (await scenario.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM price_decisions')).rows[0].n;

describe('Postgres connections cut mid-stream', () => {
  it(`the data stays exact across ${settings.postgresCuts} cuts of every connection`, async () => {
    await waitHealthy(apiUrl);
    const events = salesEvents(scenario.products, settings.events, 8505, 'pgcut');
    const apiRecovery: Promise<number>[] = [];
    const botRecovery: Promise<number>[] = [];
    let cutBackends = 0;
    result.run = await runFaults({
      scenario,
      events,
      produceSeconds: settings.produceSeconds,
      faults: settings.postgresCuts,
      inject: async () => {
        const pids = await scenario.db.otherBackends();
        const before = await decisions();
        const cutAt = Date.now();
        await scenario.db.pool.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [pids]);
        cutBackends += pids.length;
        // Each service is probed in the background; recovery = cut to working again.
        apiRecovery.push(
          waitFor(
            'the API to serve inventory again',
            async () => {
              const res = await fetch(`${apiUrl}/api/v1/inventory?limit=1`, { signal: AbortSignal.timeout(3000) });
              await res.text();
              return res.status === 200 ? Date.now() - cutAt : undefined;
            },
            120_000,
            100,
          ),
        );
        botRecovery.push(
          waitFor('the bot to record a decision again', async () => ((await decisions()) > before ? Date.now() - cutAt : undefined), 120_000, 100),
        );
      },
    });
    const apiMs = await Promise.all(apiRecovery);
    const botMs = await Promise.all(botRecovery);
    await waitHealthy(apiUrl);
    result.botExits = bot.exits();
    result.apiExits = api.exits();
    await bot.stop();
    await api.stop();
    result.audit = await auditPrices(scenario.db.pool);
    result.verdict = await streamVerdict(scenario);
    const { run, verdict, audit } = result;
    console.log(
      `postgres-cut: ${cutBackends} backends cut\n${verdict.report}\nprices: ${JSON.stringify(audit)}\nexits: stream ${run.unexpectedExits}, bot ${result.botExits}, api ${result.apiExits}\n` +
        [...run.exitOutputs, ...bot.exitOutputs(), ...api.exitOutputs()].slice(0, 3).join('\n---\n'),
    );
    const exits = run.unexpectedExits + result.botExits + result.apiExits;
    recordScenario({
      scenario: 'Postgres connections cut',
      faults: `${settings.postgresCuts}x pg_terminate_backend (${cutBackends} backends)`,
      faultCount: settings.postgresCuts,
      eventsIn: verdict.contents.messages,
      eventsInTables: verdict.balance.salesInTables,
      rejected: verdict.contents.rejected,
      duplicates: verdict.balance.duplicates + audit.decisionsAppliedTwice + audit.brokenLinks.length,
      losses: verdict.balance.losses,
      recoveryMs: [...run.recoveryMs, ...apiMs, ...botMs],
      ok: verdict.diffs.every((d) => d.problems === 0) && audit.decisionsAppliedTwice === 0 && audit.brokenLinks.length === 0 && exits === 0,
      notes: `recovery: stream ${run.recoveryMs.join('/')} ms, API ${apiMs.join('/')} ms, bot ${botMs.join('/')} ms; exits needing a restart: stream ${run.unexpectedExits}, bot ${result.botExits}, api ${result.apiExits}`,
    });
    expect(verdict.diffs.map((d) => [d.table, d.problems])).toEqual(verdict.diffs.map((d) => [d.table, 0]));
    expect(audit.decisionsAppliedTwice).toBe(0);
    expect(audit.brokenLinks).toEqual([]);
    expect(audit.priceMismatches).toEqual([]);
  });

  it('no service had to be restarted after a cut', () => {
    expect(result.run, 'the cut scenario ran').toBeDefined();
    expect({ stream: result.run?.unexpectedExits, bot: result.botExits, api: result.apiExits }).toEqual({ stream: 0, bot: 0, api: 0 });
  });
});
