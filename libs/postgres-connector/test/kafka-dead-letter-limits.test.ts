// Dead letters that used to fail their batch (and so stop the stream for good): text with NUL
// characters (Postgres text refuses 0x00), records bigger than Kafka's 1 MB message limit once
// base64-encoded, and thousands of bad records in one batch (one produce request past the limit).
// Every one lands in the table and the topic, and a batch replayed after a crash passes too.
import { Field, Int32, Schema, Utf8 } from 'apache-arrow';
import { Pool } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_DEAD_LETTER_RAW_BYTES,
  kafkaDeadLetters,
  kafkaSource,
  parsedKafkaSource,
  parseJson,
  type ParsedKafkaSource,
} from '@shelfstream/kafka-connector';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import { postgresDeadLetters } from '../src';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import type { Offset } from '@shelfstream/engine';

const SCHEMA = new Schema([new Field('sku', new Utf8(), false), new Field('quantity', new Int32(), false)]);
// Like a validation that quotes the bad value verbatim (the old sales validation did): NUL and 600 KB go into the message.
const parser = parseJson(SCHEMA, {
  validate: (v) => ((v.sku as string).startsWith('ok-') ? undefined : { code: 'UNKNOWN_SKU', message: `unknown SKU "${v.sku as string}"` }),
});
const SMALL_BAD = 4_000;
const KAFKA_LIMIT = 1_048_588; // the broker's default message.max.bytes

let topic: TestTopic;
let dlq: TestTopic;
let db: TestDatabase;
let pool: Pool;
const expected = new Map<string, number>();

const nulText = Buffer.concat([Buffer.from('not json \u0000 at all '), Buffer.alloc(900 * 1024, 0x00), Buffer.from('end')]);
const hugeSku = JSON.stringify({ sku: `x${'\u0000'.repeat(3)}${'S'.repeat(600 * 1024)}`, quantity: 1 });

beforeAll(async () => {
  [topic, dlq, db] = await Promise.all([createTestTopic('dl-limits', 3), createTestTopic('dl-limits-dlq', 3), createTestDatabase('dl_limits')]);
  pool = new Pool({ connectionString: db.url });
  await pool.query(`CREATE TABLE dead_letters (id bigserial PRIMARY KEY, query_name text, source text, position text, raw bytea,
    error_code text NOT NULL, error_message text NOT NULL, batch_id bigint NULL, received_at timestamptz DEFAULT now())`);
  // one produce request each for the big ones (each under the limit alone; their dead letters were not)
  await topic.produce([{ key: 'big', value: nulText }]);
  await topic.produce([{ key: 'sku', value: Buffer.from(hugeSku) }]);
  const messages = [
    { key: 'nul', value: Buffer.from(JSON.stringify({ sku: 'a\u0000b', quantity: 2 })) },
    { key: 'raw-nul', value: Buffer.from([0x7b, 0x00, 0x7d]) },
  ];
  expected.set('BAD_JSON', 2).set('UNKNOWN_SKU', 2);
  // ~1 KB each: 4,000 of them are ~5.5 MB of dead-letter JSON, ~1.8 MB per partition: past the limit in one request
  for (let i = 0; i < SMALL_BAD; i++) messages.push({ key: `k${i}`, value: Buffer.from(JSON.stringify({ sku: `bad-${i}-${'y'.repeat(1000)}`, quantity: 1 })) });
  expected.set('UNKNOWN_SKU', 2 + SMALL_BAD);
  for (let i = 0; i < 100; i++) messages.push({ key: `g${i}`, value: Buffer.from(JSON.stringify({ sku: `ok-${i}`, quantity: 1 })) });
  for (let i = 0; i < messages.length; i += 300) await topic.produce(messages.slice(i, i + 300));
});

afterAll(async () => {
  await pool?.end();
  await Promise.all([topic?.delete(), dlq?.delete(), db?.drop()]);
});

const TX_ID = `dl-limits-${Date.now()}`;
function source(): ParsedKafkaSource {
  return parsedKafkaSource(kafkaSource({ topic: topic.name, startingOffsets: 'earliest' }), {
    schema: SCHEMA,
    parser,
    deadLetters: [postgresDeadLetters({ connection: pool, queryName: 'limits' }), kafkaDeadLetters({ topic: dlq.name, transactionalId: TX_ID })],
  });
}

async function oneBatch(): Promise<{ rows: number; deadLetters: number }> {
  const s = source();
  try {
    const end = (await s.latestOffset()) as Offset;
    const rows = await s.getBatch(undefined, end);
    return { rows: rows.numRows, deadLetters: s.lastCounts!.deadLetters };
  } finally {
    await s.stop();
  }
}

describe('dead letters past the limits of Postgres text and Kafka messages', () => {
  it('stores NUL text escaped, truncates a 900 KB record with a marker, splits 4,000 letters into requests under the limit', async () => {
    expect(await oneBatch()).toEqual({ rows: 100, deadLetters: 4 + SMALL_BAD });

    const byCode = await pool.query<{ error_code: string; n: number }>(`SELECT error_code, count(*)::int AS n FROM dead_letters GROUP BY 1`);
    expect(new Map(byCode.rows.map((r) => [r.error_code, r.n]))).toEqual(expected);
    const big = await pool.query<{ raw: Buffer; error_message: string }>(
      `SELECT raw, error_message FROM dead_letters WHERE error_code = 'BAD_JSON' AND length(raw) > 3`,
    );
    expect(big.rows).toHaveLength(1);
    expect(big.rows[0].raw).toEqual(nulText.subarray(0, DEFAULT_MAX_DEAD_LETTER_RAW_BYTES)); // bytea keeps the NUL bytes
    expect(big.rows[0].error_message).toContain(`[raw truncated: first ${DEFAULT_MAX_DEAD_LETTER_RAW_BYTES} of ${nulText.length} bytes kept]`);
    const nul = await pool.query<{ error_message: string }>(`SELECT error_message FROM dead_letters WHERE strpos(error_message, $1) > 0`, ['a\\u0000b']);
    expect(nul.rows.map((r) => r.error_message)).toEqual(['unknown SKU "a\\u0000b"']);
    const longest = await pool.query<{ n: number }>(`SELECT max(length(error_message))::int AS n FROM dead_letters`);
    expect(longest.rows[0].n).toBeLessThan(1_200);

    const letters = await readDeadLetterTopic();
    expect(new Set(letters.map((l) => l.key)).size).toBe(4 + SMALL_BAD);
    expect(Math.max(...letters.map((l) => l.bytes))).toBeLessThan(KAFKA_LIMIT);
    const truncated = letters.filter((l) => l.value.raw_truncated);
    expect(truncated.map((l) => l.value.raw_bytes).sort()).toEqual([nulText.length, Buffer.byteLength(hugeSku)].sort());
  });

  it('passes again when the batch is replayed after a crash (new process: new sinks, same transactional id)', async () => {
    const before = await readDeadLetterTopic();
    expect(await oneBatch()).toEqual({ rows: 100, deadLetters: 4 + SMALL_BAD });
    const { rows } = await pool.query<{ n: number; positions: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT position)::int AS positions FROM dead_letters`,
    );
    expect(rows[0]).toEqual({ n: 4 + SMALL_BAD, positions: 4 + SMALL_BAD }); // the table: once per position
    const after = await readDeadLetterTopic();
    expect(new Set(after.map((l) => l.key))).toEqual(new Set(before.map((l) => l.key))); // the topic: at least once
  });
});

interface TopicLetter {
  key: string;
  bytes: number;
  value: { raw_truncated: boolean; raw_bytes: number };
}

async function readDeadLetterTopic(): Promise<TopicLetter[]> {
  const reader = kafkaSource({ topic: dlq.name, startingOffsets: 'earliest', valueAs: 'string' });
  try {
    const t = await reader.getBatch(undefined, (await reader.latestOffset())!);
    return Array.from({ length: t.numRows }, (_, i) => {
      const value = t.getChild('value')!.get(i) as string;
      return { key: t.getChild('key')!.get(i) as string, bytes: Buffer.byteLength(value), value: JSON.parse(value) };
    });
  } finally {
    await reader.stop();
  }
}
