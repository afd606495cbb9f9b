// Shared set-up of the integration tests: a migrated, seeded test database and simulated events.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@shelfstream/db';
import { generateSales, initialSimulatorState, type Product, type SimRecord } from '@shelfstream/domain';
import { createTestTopic, type TestTopic } from '@shelfstream/kafka-connector/testing';
import { createTestDatabase, type TestDatabase } from '@shelfstream/postgres-connector/testing';
import { upsertProducts } from '../src/db/product-store';

export const BUNDLED_HISTORY = join(__dirname, '../data/history');

export async function bundledCatalog(): Promise<Product[]> {
  return JSON.parse(await readFile(join(BUNDLED_HISTORY, '_catalog.json'), 'utf8')) as Product[];
}

export async function seededDatabase(prefix: string, products: readonly Product[]): Promise<TestDatabase> {
  const db = await createTestDatabase(prefix);
  await runMigrations(db.url);
  await upsertProducts(db.url, products);
  return db;
}

/** Deterministic simulated records (with returns, restocks, spikes and a share of malformed ones). */
export function simulatedRecords(
  products: readonly Product[],
  options: { startMs: number; hours: number; rate: number; malformed: number; seed: number },
): SimRecord[] {
  const config = {
    seed: options.seed,
    products: [...products]
      .sort((a, b) => b.lowStockThreshold - a.lowStockThreshold)
      .slice(0, 150)
      .map((p) => ({ sku: p.sku, price: p.basePrice, stock: Math.min(p.initialStock, 300), lowStockThreshold: Math.min(p.lowStockThreshold, 60) })),
    ratePerSecond: options.rate,
    malformedShare: options.malformed,
    restockDelayMs: 600_000,
  };
  let state = initialSimulatorState(config, options.startMs);
  const records: SimRecord[] = [];
  for (let t = options.startMs; t < options.startMs + options.hours * 3_600_000; t += 60_000) {
    const out = generateSales(config, state, t, t + 60_000);
    records.push(...out.records);
    state = out.state;
  }
  return records;
}

/** What an equivalence test compares: a batch database, a stream database, a topic and a folder. */
export interface EquivalenceSetup {
  readonly batchDb: TestDatabase;
  readonly streamDb: TestDatabase;
  readonly topic: TestTopic;
  readonly dir: string;
  readonly brokers: string[];
  dispose(): Promise<void>;
}

export async function equivalenceSetup(name: string): Promise<EquivalenceSetup> {
  const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
  const catalog = await bundledCatalog();
  const [batchDb, streamDb] = await Promise.all([seededDatabase(`${name}_batch`, catalog), seededDatabase(`${name}_stream`, catalog)]);
  const topic = await createTestTopic(name.replace(/_/g, '-'), 6, brokers);
  const dir = await mkdtemp(join(tmpdir(), `${name}-`));
  return {
    batchDb,
    streamDb,
    topic,
    dir,
    brokers,
    dispose: async () => {
      await Promise.all([batchDb.drop(), streamDb.drop(), topic.delete(), rm(dir, { recursive: true, force: true })]);
    },
  };
}
