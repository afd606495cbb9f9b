// kill -9 the pipeline `stream` repeatedly while a producer writes to a fresh 6-partition topic; restart
// it each time. The final live_inventory and sales_velocity equal the batch oracle: no loss, no double count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppProcess, killAllApps } from './support/app-process';
import { chaosSettings, SHARED_BROKERS } from './support/chaos-settings';
import { createStreamScenario, type StreamScenario } from './support/stream-scenario';
import { streamVerdict } from './support/stream-verdict';
import { produceOverTime, salesEvents, toMessage } from './support/sales-workload';
import { recordScenario } from './support/summary';
import { sleep, waitFor } from './support/wait';

const settings = chaosSettings();
let scenario: StreamScenario;

beforeAll(async () => {
  scenario = await createStreamScenario({ name: 'kill', skus: settings.skus, brokers: SHARED_BROKERS });
});

afterAll(async () => {
  await killAllApps();
  await scenario?.close();
});

/** Highest batch id committed by the inventory query (-1 before the first). */
async function lastBatch(s: StreamScenario): Promise<number> {
  const { rows } = await s.db.pool.query<{ b: string | null }>(`SELECT max(batch_id)::text AS b FROM pipeline_progress WHERE query_name = 'live_inventory'`);
  return rows[0].b === null ? -1 : Number(rows[0].b);
}

describe('pipeline stream under kill -9', () => {
  it(`loses and repeats nothing across ${settings.pipelineKills} SIGKILLs under load`, async () => {
    const events = salesEvents(scenario.products, settings.events, 8101, 'kill');
    let stream: AppProcess = await scenario.startStream();
    const production = produceOverTime(scenario.topics, scenario.topic, events.map(toMessage), settings.produceSeconds);
    const recoveryMs: number[] = [];
    const gap = (settings.produceSeconds * 1000) / (settings.pipelineKills + 1);
    for (let k = 0; k < settings.pipelineKills; k++) {
      await sleep(gap * (0.5 + Math.random()));
      const before = await lastBatch(scenario);
      await stream.kill('SIGKILL');
      const killedAt = Date.now();
      stream = await scenario.startStream();
      // Recovered = the restarted process committed a batch past the last one before the kill.
      await waitFor('a commit after the restart', async () => ((await lastBatch(scenario)) > before ? true : undefined), 120_000, 100);
      recoveryMs.push(Date.now() - killedAt);
    }
    await production.done;
    await scenario.waitCaughtUp(stream);
    await stream.kill('SIGTERM');

    const verdict = await streamVerdict(scenario);
    console.log(`pipeline-kill:\n${verdict.report}`);
    const ok = verdict.diffs.every((d) => d.problems === 0) && verdict.historyRepeats === 0;
    recordScenario({
      scenario: 'kill -9 pipeline stream',
      faults: `${settings.pipelineKills}x SIGKILL stream`,
      faultCount: settings.pipelineKills,
      eventsIn: verdict.contents.messages,
      eventsInTables: verdict.balance.salesInTables,
      rejected: verdict.contents.rejected,
      duplicates: verdict.balance.duplicates,
      losses: verdict.balance.losses,
      recoveryMs,
      ok,
      notes: `in tables = sale events counted in sales_velocity (${verdict.contents.valid.length} valid events of all types)`,
    });
    expect(verdict.contents.messages).toBe(events.length);
    expect(verdict.diffs.map((d) => [d.table, d.problems])).toEqual(verdict.diffs.map((d) => [d.table, 0]));
    expect(verdict.balance.duplicates).toBe(0);
    expect(verdict.balance.losses).toBe(0);
    expect(verdict.historyRepeats).toBe(0);
  });
});
