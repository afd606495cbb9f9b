// Poison messages: 1,000 malformed records of 7 kinds among 100,000 good ones on a 6-partition
// topic. Every bad one lands in the dead-letter table and topic with its reason and raw bytes;
// every good one comes through; a replayed batch adds no duplicate dead letters.
import { Bool, Field, Float64, Int32, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaDeadLetters, kafkaSource, parsedKafkaSource, parseJson } from '@shelfstream/kafka-connector';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import { postgresDeadLetters } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import type { Offset } from '@shelfstream/engine';

const GOOD = 100_000;
const BAD_KINDS = 7;
const BAD = 1_000;

const SALE = new Schema([
  new Field('event_id', new Utf8(), false),
  new Field('type', new Utf8(), false),
  new Field('sku', new Utf8(), false),
  new Field('store', new Utf8(), false),
  new Field('quantity', new Int32(), false),
  new Field('unit_price', new Float64(), false),
  new Field('currency', new Utf8(), false),
  new Field('event_time', new TimestampMillisecond('UTC'), false),
  new Field('promo', new Bool(), true),
]);

const good = (i: number) => ({
  event_id: `e${i}`,
  type: 'sale',
  sku: `sku-${i % 400}`,
  store: 'web',
  quantity: 1 + (i % 5),
  unit_price: 2.5,
  currency: 'GBP',
  event_time: new Date(Date.UTC(2024, 0, 1) + i * 1000).toISOString(),
});

/** Bad record number k: its bytes and the code it must get. */
function bad(k: number): { value: Buffer | null; code: string } {
  const e = good(GOOD + k);
  switch (k % BAD_KINDS) {
    case 0:
      return { value: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), code: 'BAD_ENCODING' };
    case 1:
      return { value: Buffer.from(JSON.stringify(e).slice(0, 30)), code: 'BAD_JSON' };
    case 2:
      return { value: Buffer.from(JSON.stringify([e])), code: 'NOT_AN_OBJECT' };
    case 3: {
      const { sku: _drop, ...rest } = e;
      return { value: Buffer.from(JSON.stringify(rest)), code: 'MISSING_FIELD' };
    }
    case 4:
      return { value: Buffer.from(JSON.stringify({ ...e, quantity: 'five' })), code: 'WRONG_TYPE' };
    case 5:
      return { value: null, code: 'BAD_JSON' };
    default:
      return { value: Buffer.from(JSON.stringify({ ...e, quantity: -3 })), code: 'INVALID_QUANTITY' };
  }
}

let topic: TestTopic;
let dlqTopic: TestTopic;
let db: TestDatabase;
let pool: Pool;
const expectedCodes = new Map<string, number>();

beforeAll(async () => {
  [topic, dlqTopic, db] = await Promise.all([createTestTopic('poison', 6), createTestTopic('poison-dlq', 1), createTestDatabase('poison')]);
  pool = new Pool({ connectionString: db.url });
  await pool.query(`CREATE TABLE dead_letters (id bigserial PRIMARY KEY, query_name text, source text, position text, raw bytea,
    error_code text, error_message text, batch_id bigint NULL, received_at timestamptz DEFAULT now())`);
  const messages = [];
  let b = 0;
  for (let i = 0; i < GOOD; i++) {
    const e = good(i);
    messages.push({ key: e.sku, value: JSON.stringify(e) });
    if (i % 100 === 50 && b < BAD) {
      const x = bad(b++);
      expectedCodes.set(x.code, (expectedCodes.get(x.code) ?? 0) + 1);
      messages.push({ key: `bad-${b}`, value: x.value });
    }
  }
  await topic.produce(messages);
});

afterAll(async () => {
  await pool?.end();
  await Promise.all([topic?.delete(), dlqTopic?.delete(), db?.drop()]);
});

describe('poison messages', () => {
  it('dead-letters every malformed record with its reason and keeps every good one', async () => {
    const table = postgresDeadLetters({ connection: pool, queryName: 'poison' });
    const dlq = kafkaDeadLetters({ topic: dlqTopic.name });
    const source = parsedKafkaSource(kafkaSource({ topic: topic.name, startingOffsets: 'earliest', maxOffsetsPerTrigger: 25_000 }), {
      schema: SALE,
      parser: parseJson(SALE, {
        validate: (v) => ((v.quantity as number) > 0 ? undefined : { code: 'INVALID_QUANTITY', message: `quantity ${String(v.quantity)} <= 0` }),
      }),
      keep: ['partition', 'offset'],
      deadLetters: [table, dlq],
    });
    const ids = new Set<string>();
    let units = 0;
    let start: Offset | undefined;
    let batches = 0;
    let deadCounted = 0;
    const ends: Offset[] = [];
    try {
      for (;;) {
        const end = await source.latestOffset(start);
        if (!end || JSON.stringify(end) === JSON.stringify(start)) break;
        const rows = await source.getBatch(start, end);
        const idCol = rows.getChild('event_id')!;
        const q = rows.getChild('quantity')!;
        for (let i = 0; i < rows.numRows; i++) {
          ids.add(idCol.get(i) as string);
          units += q.get(i) as number;
        }
        deadCounted += source.lastCounts!.deadLetters;
        ends.push(end);
        start = end;
        batches++;
      }
      // replaying the second batch adds no dead letters
      await source.getBatch(ends[0], ends[1]);
    } finally {
      await source.stop();
      await dlq.close();
    }
    expect(batches).toBeGreaterThanOrEqual(4);
    expect(ids.size).toBe(GOOD);
    expect(units).toBe(Array.from({ length: GOOD }, (_, i) => 1 + (i % 5)).reduce((a, b) => a + b, 0));
    expect(deadCounted).toBe(BAD);

    const { rows } = await pool.query<{ error_code: string; n: number }>(`SELECT error_code, count(*)::int AS n FROM dead_letters GROUP BY error_code`);
    expect(new Map(rows.map((r) => [r.error_code, r.n]))).toEqual(expectedCodes);
    expect(expectedCodes.size).toBeGreaterThanOrEqual(6);
    const sample = await pool.query(`SELECT raw, error_message, position FROM dead_letters WHERE error_code = 'BAD_ENCODING' LIMIT 1`);
    expect(sample.rows[0].raw).toEqual(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(sample.rows[0].position).toMatch(new RegExp(`^${topic.name}/\\d/\\d+$`));

    // the dead-letter topic holds the same records, keyed by position
    const reader = kafkaSource({ topic: dlqTopic.name, startingOffsets: 'earliest', valueAs: 'string' });
    try {
      const end = await reader.latestOffset();
      const t = await reader.getBatch(undefined, end!);
      expect(t.numRows).toBe(BAD);
      const first = JSON.parse(t.getChild('value')!.get(0) as string);
      expect(Object.keys(first).sort()).toEqual(['code', 'message', 'offset', 'partition', 'raw', 'raw_bytes', 'raw_truncated', 'topic']);
    } finally {
      await reader.stop();
    }
  });
});
