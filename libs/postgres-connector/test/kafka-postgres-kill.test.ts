// Kill test: while 200,000 events are produced to a 6-partition topic, a streaming aggregation
// into Postgres (child process) is SIGKILLed at random moments at least 5 times and restarted.
// Some workers also kill themselves right after the sink committed a batch and before the
// engine's commit log has it. The final table equals the batch result over the same events, and
// the history table holds each (sku, batch) once: nothing lost, nothing twice.
import { join } from 'node:path';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createEngine, schema, sum } from '@shelfstream/engine';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { waitForCommitted } from './support/committed-offsets';
import { WorkerProcesses } from './support/worker-processes';

const EVENTS = 200_000;
const KILLS = 5;
const workers = new WorkerProcesses(join(__dirname, 'kafka-stream-worker.ts'));

let topic: TestTopic;
let db: TestDatabase;
let pool: Pool;

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  [topic, db] = await Promise.all([createTestTopic('kill', 6), createTestDatabase('kill')]);
  pool = new Pool({ connectionString: db.url });
  await pool.query(`CREATE TABLE totals (sku text PRIMARY KEY, units bigint, events bigint, batch_id bigint);
    CREATE TABLE totals_history (id bigserial, sku text, units bigint, events bigint, batch_id bigint)`);
});

afterAll(async () => {
  await workers.killAll();
  await pool?.end();
  await Promise.all([topic?.delete(), db?.drop()]);
});

describe('kill -9 during a streaming aggregation into Postgres', () => {
  it(`survives ${KILLS}+ SIGKILLs with an exact final table`, { timeout: 480_000 }, async () => {
    const rnd = random(42);
    const events = Array.from({ length: EVENTS }, () => {
      const sku = `sku-${Math.floor(rnd() ** 2 * 500)}`;
      return { sku, quantity: 1 + Math.floor(rnd() * 5) };
    });
    const env = { TOPIC: topic.name, PG_URL: db.url, QUERY: 'kill-test', MAX_OFFSETS: '4000' };
    let selfKills = 0;

    let produced = false;
    const producing = (async () => {
      for (let i = 0; i < EVENTS; i += 5000) {
        await topic.produce(events.slice(i, i + 5000).map((e) => ({ key: e.sku, value: JSON.stringify(e) })));
        await sleep(150);
      }
      produced = true;
    })();

    let kills = 0;
    const progress: number[] = [];
    // until 5 kills, all events produced, and at least one kill right after a sink commit
    while ((kills < KILLS || !produced || selfKills === 0) && kills < 40) {
      const child = await workers.start({ ...env, CRASH_AFTER_SINK: '0.2' });
      await sleep(400 + rnd() * 1600);
      if (child.signalCode === 'SIGKILL') selfKills++;
      await workers.kill(child);
      kills++;
      const { rows } = await pool.query<{ n: string | null }>('SELECT sum(events)::text AS n FROM totals');
      progress.push(Number(rows[0].n ?? 0));
    }
    await producing;

    const last = await workers.start(env);
    // every event committed: no batch with input is left to write (a replay would show as a total above EVENTS)
    await waitForCommitted(pool, topic.name, EVENTS, 120_000);
    await workers.kill(last);
    const { rows: sums } = await pool.query<{ n: string | null }>('SELECT sum(events)::text AS n FROM totals');
    const total = Number(sums[0]?.n ?? 0);

    // the batch result over the same events, computed by the engine in batch mode
    const engine = createEngine();
    const expected = await engine.read
      .rows(events, schema({ sku: 'string', quantity: 'int' }))
      .groupBy('sku')
      .agg(sum('quantity').as('units'), count().as('events'))
      .collect();
    const { rows } = await pool.query<{ sku: string; units: string; events: string }>('SELECT sku, units, events FROM totals');
    const actual = new Map(rows.map((r) => [r.sku, [Number(r.units), Number(r.events)]]));
    expect(kills).toBeGreaterThanOrEqual(KILLS);
    expect(selfKills).toBeGreaterThan(0);
    const dup = await pool.query('SELECT sku, batch_id, count(*) FROM totals_history GROUP BY 1, 2 HAVING count(*) > 1');
    expect(dup.rows).toEqual([]);
    // every version of a SKU's total grows: no restart from empty state, no partial totals
    const regress = await pool.query(`SELECT sku FROM (SELECT sku, events, lag(events) OVER (PARTITION BY sku ORDER BY id) AS prev
      FROM totals_history) h WHERE events < prev LIMIT 5`);
    expect(regress.rows).toEqual([]);
    // progress was made between kills (the kills hit a running query, not an idle one)
    expect(progress.some((n) => n > 0 && n < EVENTS)).toBe(true);
    expect(actual.size).toBe(expected.length);
    for (const e of expected) expect([e.sku, ...(actual.get(e.sku as string) ?? [])]).toEqual([e.sku, e.units, e.events]);
    expect(total).toBe(EVENTS);
  });
});
