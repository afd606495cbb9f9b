// Bad input on the sales topic: a corpus of malformed records (40 kinds, docs/reliability.md lists them)
// spread through >= 10,000 valid events (some at the validation bounds), a burst of 4,000 read in one
// batch, and one kill -9 of the stream in the middle (its batch is replayed). Every bad record is
// dead-lettered once with its reason (table and topic), nothing valid is lost, the tables equal the
// oracles (the pipeline's backfill and SQL over what the topic holds), and the stream never restarts.
import { validateSalesRecord } from '@shelfstream/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAllApps } from './support/app-process';
import { chaosSettings, SHARED_BROKERS } from './support/chaos-settings';
import { burstRecords, IMPOSSIBLE_TIMES, interleave, malformedCorpus, NULL_VALUE_CODE, withDuplicates } from './support/malformed-corpus';
import { createStreamScenario, type StreamScenario } from './support/stream-scenario';
import { streamVerdict } from './support/stream-verdict';
import { produceOverTime, salesEvents, toMessage, withBoundValues } from './support/sales-workload';
import { recordScenario } from './support/summary';
import { sleep } from './support/wait';

const settings = chaosSettings();
let scenario: StreamScenario;

beforeAll(async () => {
  scenario = await createStreamScenario({ name: 'bad', skus: settings.skus, brokers: SHARED_BROKERS });
});

afterAll(async () => {
  await killAllApps();
  await scenario?.close();
});

const countBy = <T>(items: readonly T[], key: (t: T) => string) =>
  items.reduce<Record<string, number>>((acc, t) => ({ ...acc, [key(t)]: (acc[key(t)] ?? 0) + 1 }), {});

describe('malformed sales records', () => {
  // Regression test for docs/reliability.md #1 (impossible dates used to roll over into another day).
  it('rejects impossible calendar times with BAD_TIMESTAMP instead of rolling them over', () => {
    const event = salesEvents(scenario.products, 1, 1, 'cal')[0];
    const verdicts = IMPOSSIBLE_TIMES.map((t) => {
      const result = validateSalesRecord(JSON.stringify({ ...event, event_time: t }));
      return `${t} -> ${result.ok ? `accepted as ${result.event.event_time}` : result.code}`;
    });
    expect(verdicts).toEqual(IMPOSSIBLE_TIMES.map((t) => `${t} -> BAD_TIMESTAMP`));
  });

  // Regression test for docs/reliability.md #2 (a null value used to stop the stream for good).
  it('a null value (tombstone) is dead-lettered and the stream goes on', async () => {
    const own = await createStreamScenario({ name: 'null', skus: 5, brokers: SHARED_BROKERS });
    try {
      const events = salesEvents(own.products, 20, 8203, 'tomb');
      await own.topics.send(own.topic, [...events.slice(0, 10).map(toMessage), { key: events[0].sku, value: null }, ...events.slice(10).map(toMessage)]);
      const stream = await own.startStream();
      await own.waitCaughtUp(stream, 60_000);
      const { rows } = await own.db.pool.query<{ error_code: string }>('SELECT error_code FROM dead_letters');
      expect(rows.map((r) => r.error_code)).toEqual([NULL_VALUE_CODE]);
      await stream.kill('SIGTERM');
    } finally {
      await killAllApps();
      await own.close();
    }
  });

  it('are all dead-lettered once with their reason; valid events all land; the stream never restarts', async () => {
    const events = withBoundValues(salesEvents(scenario.products, Math.ceil(settings.events / 2), 8202, 'good'), scenario.products);
    const corpus = malformedCorpus(events, settings.malformedPerKind);
    const burst = burstRecords();
    const bad = [...burst, ...corpus];
    const knownSkus = new Set(scenario.products.map((p) => p.sku));
    // The corpus itself: each record is rejected with the code it was built for (received now).
    const receivedAtMs = Date.now();
    const codes = bad.map((r) => {
      const result = validateSalesRecord(r.value === null ? null : typeof r.value === 'string' ? r.value : new Uint8Array(r.value), {
        knownSkus,
        receivedAtMs,
      });
      return `${r.kind}:${result.ok ? 'ACCEPTED' : result.code}`;
    });
    expect(codes).toEqual(bad.map((r) => `${r.kind}:${r.code}`));
    const expectedByCode = countBy(bad, (r) => r.code);
    const kinds = new Set(bad.map((r) => r.kind)).size;
    expect(kinds).toBeGreaterThanOrEqual(30);
    expect(events.length).toBeGreaterThanOrEqual(10_000);

    // the burst first, so the stream's first batch reads all 4,000 at once
    await scenario.topics.send(scenario.topic, burst);
    let stream = await scenario.startStream();
    const good = withDuplicates(events.map(toMessage));
    const production = produceOverTime(scenario.topics, scenario.topic, interleave(good.messages, corpus), settings.produceSeconds / 2);
    await sleep((settings.produceSeconds * 1000) / 4);
    const outputs = [stream.output()];
    await stream.kill('SIGKILL');
    const killedAt = Date.now();
    stream = await scenario.startStream();
    const recoveryMs = [Date.now() - killedAt];
    await production.done;
    await scenario.waitCaughtUp(stream);
    outputs.push(stream.output());
    await stream.kill('SIGTERM');
    // zero restarts: no process exit but the harness's kill (waitCaughtUp fails on one), no in-process restart
    const restarts = outputs
      .join('\n')
      .split('\n')
      .filter((line) => /transient failure|stream: stopped/.test(line));
    // no silent skew: the good events are in event-time order, so no row may be dropped as late
    const { rows: dropped } = await scenario.db.pool.query<{ n: string }>(
      'SELECT coalesce(sum(rows_dropped_by_watermark), 0)::text AS n FROM pipeline_progress',
    );

    const verdict = await streamVerdict(scenario);
    const letters = await scenario.topics.readAll(scenario.deadLetterTopic);
    const topicPositions = new Set(letters.map((m) => m.key));
    // At least once across the kill: count each position once.
    const byPosition = new Map(letters.map((m) => [m.key, String((JSON.parse(String(m.value)) as { code: string }).code)]));
    const topicCodes = countBy([...byPosition.values()], (code) => code);
    console.log(`bad-events:\n${verdict.report}\ndead-letter topic: ${letters.length} records, ${topicPositions.size} positions ${JSON.stringify(topicCodes)}`);
    const inTable = Object.values(verdict.deadLettersByCode).reduce((a, b) => a + b, 0);
    const ok =
      verdict.diffs.every((d) => d.problems === 0) &&
      inTable === bad.length &&
      verdict.deadLetterRepeats === 0 &&
      topicPositions.size === bad.length &&
      restarts.length === 0;
    recordScenario({
      scenario: 'malformed sales records',
      faults: `${bad.length} bad records (${Object.keys(expectedByCode).length} codes, ${kinds} kinds) + 1x SIGKILL`,
      faultCount: bad.length + 1,
      eventsIn: verdict.contents.messages,
      eventsInTables: verdict.balance.salesInTables,
      rejected: inTable,
      duplicates: verdict.balance.duplicates + verdict.deadLetterRepeats,
      losses: verdict.balance.losses + Math.max(0, bad.length - inTable),
      recoveryMs,
      ok,
      notes: `dead-letter topic: ${letters.length} records for ${topicPositions.size} positions (at least once across the kill; key = position); ${good.copies} repeated event ids counted once; rows dropped as late ${dropped[0].n}; restarts ${restarts.length}`,
    });
    expect(restarts).toEqual([]);
    expect(dropped[0].n).toBe('0');
    expect(verdict.deadLettersByCode).toEqual(expectedByCode);
    expect(verdict.deadLetterRepeats).toBe(0);
    expect(verdict.contents.rejectedByCode).toEqual(expectedByCode);
    expect(verdict.contents.unique.length).toBe(events.length); // every good event, each id once
    expect(verdict.contents.valid.length).toBe(events.length + good.copies);
    expect(good.copies).toBeGreaterThanOrEqual(50);
    expect(verdict.diffs.map((d) => [d.table, d.problems])).toEqual(verdict.diffs.map((d) => [d.table, 0]));
    expect(topicPositions.size).toBe(bad.length);
    expect(topicCodes).toEqual(expectedByCode);
  });
});
