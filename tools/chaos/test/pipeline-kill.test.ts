// kill -9 the pipeline `stream` repeatedly while a producer writes to a fresh 6-partition topic; restart
// it each time. The final live_inventory and sales_velocity equal the batch oracle: no loss, no double count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllApps } from './support/app-process';
import { chaosSettings, SHARED_BROKERS } from './support/chaos-settings';
import { runFaults } from './support/fault-run';
import { salesEvents } from './support/sales-workload';
import { createStreamScenario, type StreamScenario } from './support/stream-scenario';
import { streamVerdict } from './support/stream-verdict';
import { recordScenario } from './support/summary';

const settings = chaosSettings();
let scenario: StreamScenario;

beforeAll(async () => {
  scenario = await createStreamScenario({ name: 'kill', skus: settings.skus, brokers: SHARED_BROKERS });
});

afterAll(async () => {
  await killAllApps();
  await scenario?.close();
});

describe('pipeline stream under kill -9', () => {
  it(`loses and repeats nothing across ${settings.pipelineKills} SIGKILLs under load`, async () => {
    const events = salesEvents(scenario.products, settings.events, 8101, 'kill');
    // Recovery = SIGKILL to the restarted process's first commit of a new batch.
    const run = await runFaults({
      scenario,
      events,
      produceSeconds: settings.produceSeconds,
      faults: settings.pipelineKills,
      inject: (_k, r) => r.restartStream(),
    });
    const verdict = await streamVerdict(scenario);
    console.log(`pipeline-kill:\n${verdict.report}`);
    const ok = verdict.diffs.every((d) => d.problems === 0) && verdict.historyRepeats === 0 && run.unexpectedExits === 0;
    recordScenario({
      scenario: 'kill -9 pipeline stream',
      faults: `${settings.pipelineKills}x SIGKILL stream`,
      faultCount: settings.pipelineKills,
      eventsIn: verdict.contents.messages,
      eventsInTables: verdict.balance.salesInTables,
      rejected: verdict.contents.rejected,
      duplicates: verdict.balance.duplicates,
      losses: verdict.balance.losses,
      recoveryMs: run.recoveryMs,
      ok,
      notes: `in tables = sale events counted in sales_velocity (of ${verdict.contents.valid.length} valid events of all types); caught up ${run.catchUpMs} ms after the last send`,
    });
    expect(verdict.contents.messages).toBe(events.length);
    expect(verdict.diffs.map((d) => [d.table, d.problems])).toEqual(verdict.diffs.map((d) => [d.table, 0]));
    expect(verdict.balance.duplicates).toBe(0);
    expect(verdict.balance.losses).toBe(0);
    expect(verdict.historyRepeats).toBe(0);
    expect(run.unexpectedExits).toBe(0);
  });
});
