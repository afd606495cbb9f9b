// A streaming aggregation from Kafka into Postgres, run as a child process by the kill and
// consumer-group tests (so it can be SIGKILLed). Env: TOPIC, PG_URL, QUERY, GROUP (optional), OWNER.
import { Field, Int32, Schema, Utf8 } from 'apache-arrow';
import { count, createEngine, sum } from '../src';
import { kafkaSource, parsedKafkaSource, parseJson } from '../src/kafka';
import { claimPartitions, postgresCheckpointStore, postgresSink } from '../src/postgres';
import type { StreamSink } from '../src/streaming/contracts';
import { Pool } from 'pg';

export const EVENT = new Schema([new Field('sku', new Utf8(), false), new Field('quantity', new Int32(), false)]);

async function main(): Promise<void> {
  const { TOPIC, PG_URL, QUERY, GROUP, OWNER } = process.env as Record<string, string>;
  const pool = new Pool({ connectionString: PG_URL, max: 4 });
  const owner = OWNER ?? 'solo';
  const kafka = kafkaSource({
    topic: TOPIC!,
    startingOffsets: 'earliest',
    maxOffsetsPerTrigger: Number(process.env.MAX_OFFSETS ?? 5000),
    group: GROUP ? { groupId: GROUP, resumeOffsets: (ps) => claimPartitions(pool, QUERY!, `kafka:${TOPIC}`, ps, owner) } : undefined,
  });
  const source = parsedKafkaSource(kafka, { schema: EVENT, parser: parseJson(EVENT) });
  const engine = createEngine();
  const totals = engine.readStream.source(source).groupBy('sku').agg(sum('quantity').as('units'), count().as('events'));
  const sink = postgresSink({
    connection: pool,
    table: 'totals',
    keyColumns: ['sku'],
    batchIdColumn: 'batch_id',
    history: { table: 'totals_history', batchIdColumn: 'batch_id' },
    owner: GROUP ? owner : undefined,
  });
  // CRASH_AFTER_SINK: probability of a kill -9 right after the sink committed a batch and before
  // the engine's commit log records it (the replay must then change nothing)
  const crashProbability = Number(process.env.CRASH_AFTER_SINK ?? 0);
  const crashing: StreamSink = {
    async addBatch(data, context) {
      await sink.addBatch(data, context);
      if (Math.random() < crashProbability) process.kill(process.pid, 'SIGKILL');
    },
  };
  const query = await totals.writeStream
    .outputMode('update')
    .trigger({ processingTime: '20 milliseconds' })
    .queryName(GROUP ? `${QUERY}@${owner}` : QUERY!)
    .sink(crashing)
    .checkpointStore(postgresCheckpointStore(GROUP ? `${QUERY}@${owner}` : QUERY!, pool))
    .start();
  process.stdout.write('started\n');
  await query.awaitTermination();
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
