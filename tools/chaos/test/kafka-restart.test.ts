// Restart the Kafka broker mid-stream (a private broker on its own port, so nobody else is disturbed):
// gracefully, then with SIGKILL, alternating. The stream and the producer carry on by themselves and
// the final tables equal the oracle over what the topic really holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllApps } from './support/app-process';
import { chaosSettings } from './support/chaos-settings';
import { type FaultRunResult, runFaults } from './support/fault-run';
import { type PrivateBroker, startPrivateBroker } from './support/private-broker';
import { salesEvents } from './support/sales-workload';
import { createStreamScenario, type StreamScenario } from './support/stream-scenario';
import { streamVerdict } from './support/stream-verdict';
import { recordScenario } from './support/summary';

const settings = chaosSettings();
let broker: PrivateBroker;
let scenario: StreamScenario;
let run: FaultRunResult | undefined;

beforeAll(async () => {
  broker = await startPrivateBroker(settings.privateBrokerPort);
  scenario = await createStreamScenario({ name: 'kafka', skus: settings.skus, brokers: broker.brokers });
});

afterAll(async () => {
  await killAllApps();
  await scenario?.close();
  await broker?.stop();
});

describe('Kafka broker restarts mid-stream', () => {
  it(`the stream recovers by itself from ${settings.kafkaRestarts} broker restarts with exact tables`, async () => {
    const events = salesEvents(scenario.products, settings.events, 8404, 'kafka');
    const kinds: string[] = [];
    run = await runFaults({
      scenario,
      events,
      produceSeconds: settings.produceSeconds,
      faults: settings.kafkaRestarts,
      inject: async (k) => {
        const hard = k % 2 === 1;
        kinds.push(hard ? 'SIGKILL' : 'graceful');
        await broker.restart(hard);
      },
    });
    const verdict = await streamVerdict(scenario);
    console.log(`kafka-restart:\n${verdict.report}\nstream exits: ${run.unexpectedExits}\n${run.exitOutputs.slice(0, 2).join('\n---\n')}`);
    recordScenario({
      scenario: 'Kafka broker restart',
      faults: `${settings.kafkaRestarts}x broker restart (${kinds.join(', ')})`,
      faultCount: settings.kafkaRestarts,
      eventsIn: verdict.contents.messages,
      eventsInTables: verdict.balance.salesInTables,
      rejected: verdict.contents.rejected,
      duplicates: verdict.balance.duplicates,
      losses: verdict.balance.losses,
      recoveryMs: run.recoveryMs,
      ok: verdict.diffs.every((d) => d.problems === 0) && run.unexpectedExits === 0,
      notes: `recovery = restart begins to next stream commit; stream exited by itself ${run.unexpectedExits}x; producer-repeated ids in topic ${verdict.contents.duplicateIds}`,
    });
    expect(verdict.diffs.map((d) => [d.table, d.problems])).toEqual(verdict.diffs.map((d) => [d.table, 0]));
    expect(verdict.contents.valid.length).toBeGreaterThanOrEqual(events.length);
  });

  // Regression test for docs/reliability.md #3: the stream used to exit when the broker was away for more
  // than kafkajs' retry budget, and the supervisor above had to restart it.
  it('the stream process survives the broker restarts without being restarted', () => {
    expect(run, 'the restart scenario ran').toBeDefined();
    expect(run?.unexpectedExits).toBe(0);
  });
});
