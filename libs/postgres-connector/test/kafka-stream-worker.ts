// A streaming aggregation from Kafka into Postgres, run as a child process by the kill and
// consumer-group tests (so it can be SIGKILLed). Env: TOPIC, PG_URL, QUERY, MAX_OFFSETS,
// CRASH_AFTER_SINK (probability of a kill -9 right after a sink commit), and for group mode
// GROUP + OWNER: the group assigns partitions, this process runs one query per owned partition
// with its checkpoint in Postgres, so another process can take a partition over, state included.
import { Field, Int32, Schema, Utf8 } from 'apache-arrow';
import { Pool } from 'pg';
import { count, createEngine, sum } from '@shelfstream/engine';
import { kafkaSource, PartitionRunner, parsedKafkaSource, parseJson } from '@shelfstream/kafka-connector';
import { claimPartitions, postgresCheckpointStore, postgresSink } from '../src';
import type { StreamSink } from '@shelfstream/engine';

const EVENT = new Schema([new Field('sku', new Utf8(), false), new Field('quantity', new Int32(), false)]);
const env = process.env as Record<string, string>;
const pool = new Pool({ connectionString: env.PG_URL, max: 8 });
const engine = createEngine();

/** The sink, maybe killing this process right after a commit (before the engine's commit log). */
function sinkFor(owner: string | undefined): StreamSink {
  const sink = postgresSink({
    connection: pool,
    table: 'totals',
    keyColumns: ['sku'],
    batchIdColumn: 'batch_id',
    history: { table: 'totals_history', batchIdColumn: 'batch_id' },
    owner,
  });
  const crashProbability = Number(env.CRASH_AFTER_SINK ?? 0);
  return {
    async addBatch(data, context) {
      await sink.addBatch(data, context);
      if (Math.random() < crashProbability) process.kill(process.pid, 'SIGKILL');
    },
  };
}

/** The query: running totals per SKU of one topic (or one partition of it). */
async function startQuery(queryName: string, partitions: number[] | undefined, owner: string | undefined) {
  const kafka = kafkaSource({ topic: env.TOPIC, startingOffsets: 'earliest', maxOffsetsPerTrigger: Number(env.MAX_OFFSETS ?? 5000), partitions });
  const source = parsedKafkaSource(kafka, { schema: EVENT, parser: parseJson(EVENT) });
  return engine.readStream
    .source(source)
    .groupBy('sku')
    .agg(sum('quantity').as('units'), count().as('events'))
    .writeStream.outputMode('update')
    .trigger({ processingTime: '20 milliseconds' })
    .queryName(queryName)
    .sink(sinkFor(owner))
    .checkpointStore(postgresCheckpointStore(queryName, pool))
    .start();
}

async function main(): Promise<void> {
  if (!env.GROUP) {
    const query = await startQuery(env.QUERY, undefined, undefined);
    process.stdout.write('started\n');
    await query.awaitTermination();
    return;
  }
  const owner = env.OWNER;
  const runner = new PartitionRunner({
    topic: env.TOPIC,
    groupId: env.GROUP,
    startPartition: async (p) => {
      const queryName = `${env.QUERY}/p${p}`;
      // fence the previous owner's commits before resuming from the partition's checkpoint
      await claimPartitions(pool, queryName, `kafka:${env.TOPIC}`, [p], owner);
      return startQuery(queryName, [p], owner);
    },
    onChange: (ps) => process.stdout.write(`owns ${ps.join(',')}\n`),
    onError: (p, error) => process.stderr.write(`partition ${p}: ${(error as Error).message}\n`),
  });
  await runner.start();
  process.stdout.write('started\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`worker failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
