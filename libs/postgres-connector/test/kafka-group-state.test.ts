// Two processes in one consumer group run a stateful aggregation (running totals per SKU) from a
// 6-partition topic into Postgres, one query per owned partition with its checkpoint in Postgres.
// One process is killed with SIGKILL mid-stream; the other takes its partitions over, offsets and
// aggregation state included. The final table equals the batch result over the same events.
import { join } from 'node:path';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, createEngine, schema, sum } from '@shelfstream/engine';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { waitForCommitted } from './support/committed-offsets';
import { WorkerProcesses } from './support/worker-processes';

const EVENTS = 60_000;
let topic: TestTopic;
let db: TestDatabase;
let pool: Pool;
const workers = new WorkerProcesses(join(__dirname, 'kafka-stream-worker.ts'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const counted = async () => Number((await pool.query<{ n: string | null }>('SELECT sum(events)::text AS n FROM totals')).rows[0].n ?? 0);

beforeAll(async () => {
  [topic, db] = await Promise.all([createTestTopic('group-state', 6), createTestDatabase('group_state')]);
  pool = new Pool({ connectionString: db.url });
  await pool.query(`CREATE TABLE totals (sku text PRIMARY KEY, units bigint, events bigint, batch_id bigint);
    CREATE TABLE totals_history (id bigserial, sku text, units bigint, events bigint, batch_id bigint)`);
});
afterAll(async () => {
  await workers.killAll();
  await pool?.end();
  await Promise.all([topic?.delete(), db?.drop()]);
});

describe('two processes in one consumer group, stateful', () => {
  it('hands a killed process partitions and state to the other; final totals exact', { timeout: 300_000 }, async () => {
    const env = { TOPIC: topic.name, PG_URL: db.url, QUERY: 'group-state', GROUP: `group-state-${topic.name}`, MAX_OFFSETS: '2000' };
    const events = Array.from({ length: EVENTS }, (_, i) => ({ sku: `sku-${(i * 7) % 500}`, quantity: 1 + (i % 5) }));
    const produce = (from: number, to: number) => topic.produce(events.slice(from, to).map((e) => ({ key: e.sku, value: JSON.stringify(e) })));

    await produce(0, 20_000);
    const a = await workers.start({ ...env, OWNER: 'A' }, 'A');
    const b = await workers.start({ ...env, OWNER: 'B' }, 'B');
    const split = () => workers.log('A').at(-1)?.startsWith('owns ') && workers.log('A').at(-1) !== 'owns ' && workers.log('B').some((l) => /^owns \d/.test(l));
    const t0 = Date.now();
    while (Date.now() - t0 < 60_000 && !(split() && (await counted()) > 0)) await sleep(200);
    await produce(20_000, 40_000);
    await sleep(500);
    const ownedByA = workers
      .log('A')
      .filter((l) => l.startsWith('owns '))
      .at(-1);
    await workers.kill(a);
    const atKill = await counted();
    await produce(40_000, EVENTS);

    await waitForCommitted(pool, topic.name, EVENTS, 180_000); // every record's offset committed with its rows
    await workers.kill(b);

    expect(ownedByA).toMatch(/^owns \d/);
    expect(
      workers
        .log('B')
        .filter((l) => l.startsWith('owns '))
        .at(-1),
    ).toBe('owns 0,1,2,3,4,5');
    expect(atKill).toBeLessThan(EVENTS);
    const expected = await createEngine()
      .read.rows(events, schema({ sku: 'string', quantity: 'int' }))
      .groupBy('sku')
      .agg(sum('quantity').as('units'), count().as('events'))
      .collect();
    // every version of a SKU's total grows: no restart from empty state, no partial totals
    const regress = await pool.query(`SELECT sku FROM (SELECT sku, events, lag(events) OVER (PARTITION BY sku ORDER BY id) AS prev
      FROM totals_history) h WHERE events < prev LIMIT 5`);
    expect(regress.rows).toEqual([]);
    const { rows } = await pool.query<{ sku: string; units: string; events: string }>('SELECT sku, units, events FROM totals');
    const actual = new Map(rows.map((r) => [r.sku, [Number(r.units), Number(r.events)]]));
    expect(actual.size).toBe(expected.length);
    for (const e of expected) expect([e.sku, ...(actual.get(e.sku as string) ?? [])]).toEqual([e.sku, e.units, e.events]);
  });
});
