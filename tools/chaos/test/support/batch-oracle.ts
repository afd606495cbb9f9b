// The oracle of a scenario: what is really in the topic (read back), split by the domain validation
// (with each record's Kafka timestamp as its receive time) into valid events and expected dead letters;
// then the pipeline's own `backfill` over the valid events (the same input as the stream, repeated ids
// included) into a second database, and the independent SQL over the first copy of each event id.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSalesEvent, type SalesEvent, validateSalesRecord } from '@shelfstream/domain';
import { runApp } from './app-process';
import type { RawMessage } from './kafka-topics';
import { type ChaosProduct, createRetailDatabase } from './retail-database';
import { actualInventory, actualVelocity, expectedInventory, expectedVelocity, type KeyedRows, loadEvents } from './sql-oracle';

export interface TopicContents {
  readonly messages: number;
  /** Every valid record, repeated event ids included (what the stream and the backfill read). */
  readonly valid: SalesEvent[];
  /** The first copy of each event id (the contract says ids are unique): what the tables must count. */
  readonly unique: SalesEvent[];
  /** Dead-letter code -> how many records the validation rejects with it. */
  readonly rejectedByCode: Record<string, number>;
  readonly rejected: number;
  /** Valid event ids present more than once in the topic (producer retries). */
  readonly duplicateIds: number;
}

export function classifyTopic(messages: readonly RawMessage[], products: readonly ChaosProduct[]): TopicContents {
  const knownSkus = new Set(products.map((p) => p.sku));
  const valid: SalesEvent[] = [];
  const unique: SalesEvent[] = [];
  const rejectedByCode: Record<string, number> = {};
  const seen = new Set<string>();
  let duplicateIds = 0;
  for (const m of messages) {
    const raw = m.value === null ? null : typeof m.value === 'string' ? m.value : new Uint8Array(m.value);
    const result = validateSalesRecord(raw, { knownSkus, receivedAtMs: m.timestampMs });
    if (result.ok) {
      if (seen.has(result.event.event_id)) duplicateIds++;
      else unique.push(result.event);
      seen.add(result.event.event_id);
      valid.push(result.event);
    } else rejectedByCode[result.code] = (rejectedByCode[result.code] ?? 0) + 1;
  }
  const rejected = Object.values(rejectedByCode).reduce((a, b) => a + b, 0);
  return { messages: messages.length, valid, unique, rejectedByCode, rejected, duplicateIds };
}

export interface Oracle {
  /** The pipeline's `backfill` over the valid events. */
  readonly backfill: { inventory: KeyedRows; velocity: KeyedRows };
  /** Plain SQL over the same events. */
  readonly sql: { inventory: KeyedRows; velocity: KeyedRows };
  readonly backfillMs: number;
}

export async function buildOracle(contents: TopicContents, products: readonly ChaosProduct[]): Promise<Oracle> {
  const dir = await mkdtemp(join(tmpdir(), 'chaos-oracle-'));
  const db = await createRetailDatabase('chaos_oracle', products);
  try {
    const file = join(dir, 'events.ndjson');
    await writeFile(file, contents.valid.map(encodeSalesEvent).join('\n') + '\n');
    const started = Date.now();
    await runApp('pipeline', ['backfill', '--from', file, '--format', 'ndjson'], { DATABASE_URL: db.url });
    const backfillMs = Date.now() - started;
    const backfill = { inventory: await actualInventory(db.pool), velocity: await actualVelocity(db.pool) };
    await loadEvents(db.pool, contents.unique);
    const sql = { inventory: await expectedInventory(db.pool), velocity: await expectedVelocity(db.pool) };
    return { backfill, sql, backfillMs };
  } finally {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
