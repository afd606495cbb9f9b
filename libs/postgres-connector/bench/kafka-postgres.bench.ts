// Benchmark: sustained events/s from Kafka into Postgres through the engine: a 6-partition topic
// preloaded with EVENTS sales events is read by the Kafka source, parsed (JSON, dead letters),
// aggregated per SKU (stateful, update mode) and upserted into Postgres with the batch's offsets,
// exactly once. Also prints the raw source and parse rates.
// Run: node -r @swc-node/register bench/kafka-postgres.bench.ts   (EVENTS=1000000 default)
import { Field, Float64, Int32, Schema, TimestampMillisecond, Utf8 } from 'apache-arrow';
import { Pool } from 'pg';
import { col, count, createEngine, sum } from '@shelfstream/engine';
import { kafkaSource, parsedKafkaSource, parseJson } from '@shelfstream/kafka-connector';
import { createTestTopic } from '@shelfstream/kafka-connector/testing';
import { postgresCheckpointStore, postgresSink } from '../src';
import { createTestDatabase } from '../src/testing';

const EVENTS = Number(process.env.EVENTS ?? 1_000_000);
const PER_TRIGGER = Number(process.env.MAX_OFFSETS ?? 200_000);

const SALE = new Schema([
  new Field('event_id', new Utf8(), false),
  new Field('type', new Utf8(), false),
  new Field('sku', new Utf8(), false),
  new Field('store', new Utf8(), false),
  new Field('quantity', new Int32(), false),
  new Field('unit_price', new Float64(), false),
  new Field('currency', new Utf8(), false),
  new Field('event_time', new TimestampMillisecond('UTC'), false),
]);

const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString()} events/s`;

async function main(): Promise<void> {
  const [topic, db] = await Promise.all([createTestTopic('bench-kafka-pg', 6), createTestDatabase('bench_kafka_pg')]);
  const pool = new Pool({ connectionString: db.url, max: 4 });
  try {
    await pool.query(`CREATE TABLE totals (sku text PRIMARY KEY, units bigint, revenue double precision, events bigint, batch_id bigint)`);
    const t0 = Date.UTC(2026, 0, 1);
    for (let from = 0; from < EVENTS; from += 50_000) {
      const messages = [];
      for (let i = from; i < Math.min(EVENTS, from + 50_000); i++) {
        const sku = `SKU-${String((i * 7919) % 4000).padStart(5, '0')}`;
        const e = {
          event_id: `e-${i}`,
          type: 'sale',
          sku,
          store: 'web',
          quantity: 1 + (i % 5),
          unit_price: 2.5,
          currency: 'GBP',
          event_time: new Date(t0 + i * 100).toISOString(),
        };
        messages.push({ key: sku, value: JSON.stringify(e) });
      }
      await topic.produce(messages);
    }
    console.log(`topic ${topic.name}: ${EVENTS.toLocaleString()} events in 6 partitions`);

    // raw source and parse rates
    const raw = kafkaSource({ topic: topic.name, startingOffsets: 'earliest' });
    let start = performance.now();
    const end = await raw.latestOffset();
    const table = await raw.getBatch(undefined, end!);
    const readMs = performance.now() - start;
    await raw.stop();
    console.log(`kafka source getBatch: ${table.numRows.toLocaleString()} records, ${rate(table.numRows, readMs)}`);

    const engine = createEngine();
    const source = parsedKafkaSource(kafkaSource({ topic: topic.name, startingOffsets: 'earliest', maxOffsetsPerTrigger: PER_TRIGGER }), {
      schema: SALE,
      parser: parseJson(SALE),
    });
    const totals = engine.readStream
      .source(source)
      .withColumn('revenue', col('quantity').multiply(col('unit_price')))
      .groupBy('sku')
      .agg(sum('quantity').as('units'), sum('revenue').as('revenue'), count().as('events'));
    start = performance.now();
    const query = await totals.writeStream
      .outputMode('update')
      .trigger({ processingTime: '0 seconds' })
      .queryName('bench')
      .sink(postgresSink({ connection: pool, table: 'totals', keyColumns: ['sku'], batchIdColumn: 'batch_id' }))
      .checkpointStore(postgresCheckpointStore('bench', pool))
      .start();
    for (;;) {
      const { rows } = await pool.query<{ n: string | null }>('SELECT sum(events)::text AS n FROM totals');
      if (Number(rows[0].n ?? 0) >= EVENTS) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const ms = performance.now() - start;
    const phases: Record<string, number> = {};
    for (const p of query.recentProgress) for (const [k, v] of Object.entries(p.durationMs)) phases[k] = (phases[k] ?? 0) + v;
    console.log(
      `last ${query.recentProgress.length} batches, ms per phase: ${JSON.stringify(Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(v)])))}`,
    );
    await query.stop();
    await source.stop();
    console.log(
      `kafka -> parse -> groupBy(sku) -> postgres upsert (exactly once): ${EVENTS.toLocaleString()} events in ${(ms / 1000).toFixed(2)} s = ${rate(EVENTS, ms)}`,
    );
    console.log(`peak RSS ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
  } finally {
    await pool.end();
    await Promise.all([topic.delete(), db.drop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
