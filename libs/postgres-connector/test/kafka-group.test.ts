// Two processes in one consumer group share a 6-partition topic; one is killed with SIGKILL
// mid-stream and the other takes its partitions over at the offsets committed with its last
// batch. Every record lands exactly once.
import { join } from 'node:path';
import type { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import { resilientPool } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { waitForCommitted } from './support/committed-offsets';
import { WorkerProcesses } from './support/worker-processes';

const EVENTS = 60_000;
let topic: TestTopic;
let db: TestDatabase;
let pool: Pool;
const workers = new WorkerProcesses(join(__dirname, 'kafka-group-worker.ts'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seen = async () => Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM seen')).rows[0].n);

beforeAll(async () => {
  [topic, db] = await Promise.all([createTestTopic('group', 6), createTestDatabase('group')]);
  pool = resilientPool({ connectionString: db.url, application_name: 'kafka-group-test' });
  await pool.query('CREATE TABLE seen (sku text, quantity int, partition int, "offset" bigint)');
});
afterAll(async () => {
  await workers.killAll();
  await pool?.end();
  await Promise.all([topic?.delete(), db?.drop()]);
});

describe('two processes in one consumer group', () => {
  it('split the partitions; killing one hands its partitions to the other at the committed offsets', { timeout: 180_000 }, async () => {
    const env = { TOPIC: topic.name, PG_URL: db.url, QUERY: 'group-test', GROUP: `group-${topic.name}` };
    const events = Array.from({ length: EVENTS }, (_, i) => ({ sku: `sku-${i % 300}`, quantity: 1 + (i % 4) }));
    const produce = (from: number, to: number) => topic.produce(events.slice(from, to).map((e) => ({ key: e.sku, value: JSON.stringify(e) })));

    await produce(0, 20_000);
    const a = await workers.start({ ...env, OWNER: 'A' }, 'A');
    const b = await workers.start({ ...env, OWNER: 'B' }, 'B');
    // both own partitions at some point while data flows
    const t0 = Date.now();
    while (Date.now() - t0 < 60_000 && !(workers.log('B').some((l) => l.startsWith('owns ') && l !== 'owns ') && (await seen()) > 0)) {
      await sleep(200);
    }
    await produce(20_000, 40_000);
    await sleep(300);
    await workers.kill(a);
    const killedAt = await seen();
    await produce(40_000, EVENTS);

    await waitForCommitted(pool, topic.name, EVENTS, 90_000); // every record's offset committed with its rows
    await workers.kill(b);

    const ownersA = workers.log('A').filter((l) => l.startsWith('owns '));
    const ownersB = workers.log('B').filter((l) => l.startsWith('owns '));
    expect(ownersA.length).toBeGreaterThan(0);
    expect(ownersB.at(-1)).toBe('owns 0,1,2,3,4,5');
    expect(killedAt).toBeLessThan(EVENTS);
    const { rows } = await pool.query<{ n: string; distinct_positions: string; units: string; by_owner: string }>(
      `SELECT count(*)::text AS n, count(DISTINCT (partition, "offset"))::text AS distinct_positions, sum(quantity)::text AS units FROM seen`,
    );
    expect(Number(rows[0].n)).toBe(EVENTS);
    expect(Number(rows[0].distinct_positions)).toBe(EVENTS);
    expect(Number(rows[0].units)).toBe(events.reduce((s, e) => s + e.quantity, 0));
    const commits = await pool.query(`SELECT DISTINCT sink_name FROM shelfstream_engine.sink_commits`);
    expect(commits.rows.map((r) => r.sink_name).sort()).toEqual(['seen@A', 'seen@B']);
  });
});
