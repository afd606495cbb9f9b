// Child process: our engine as the streaming peer. JSON sales from a Kafka topic (parsedKafkaSource,
// Kafka append time kept), inner join with the products CSV, watermark 10 minutes, the sliding-window
// aggregation in update mode, each micro-batch upserted into Postgres (postgresSink, exactly once with a
// Postgres checkpoint). Prints one JSON line per data batch: rows, start/duration, RSS, CPU so far, state rows and,
// with --latency, each output row's latency (sink commit time - Kafka append time of its newest event).
// With --group, joins a consumer group and runs one query per owned partition (PartitionRunner).
//   node -r @swc-node/register engine-stream.ts --topic T --products F --pg URL --query NAME
//        [--group ID --owner NAME] [--max-offsets N] [--latency] [--profile-start]
// --profile-start: CPU profile from modules loaded to query started (products, checkpoint, state restore),
// printed as {startProfile} (the restart bench's explanation of its restore time).
import { col, createEngine, type DataFrame, type StreamingQueryProgress, tableToRows } from '@shelfstream/engine';
import { collectTable, readCsv } from '@shelfstream/files-connector';
import { kafkaSource, PartitionRunner, parsedKafkaSource, parseJson } from '@shelfstream/kafka-connector';
import { claimPartitions, inTransaction, postgresCheckpointStore, postgresSink } from '@shelfstream/postgres-connector';
import { profiled } from '@shelfstream/platform';
import { Field, Schema, Utf8 } from 'apache-arrow';
import { Pool } from 'pg';
import { flagMap, positiveInt, requiredFlag } from './flags';
import { SALE_SCHEMA, slidingAggregation, VELOCITY_DDL, VELOCITY_TABLE, WATERMARK } from './sliding-query';

const PRODUCTS_SCHEMA = new Schema([new Field('sku', new Utf8(), false), new Field('name', new Utf8(), true), new Field('category', new Utf8(), true)]);

const flags = flagMap(process.argv.slice(2));
const topic = requiredFlag(flags, 'topic');
const pool = new Pool({ connectionString: requiredFlag(flags, 'pg'), max: 8 });
const engine = createEngine();
const measureLatency = flags.has('latency');

async function productsFrame(): Promise<DataFrame> {
  const table = await collectTable(readCsv(requiredFlag(flags, 'products'), { schema: PRODUCTS_SCHEMA }));
  return engine.read.arrow(table).select('sku');
}

/** CPU time of this process so far (user + system), ms. */
function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

function report(progress: StreamingQueryProgress, queryName: string): void {
  if (progress.numInputRows === 0) return;
  const state = progress.stateOperators.reduce((n, op) => n + op.numRowsTotal, 0);
  console.log(
    JSON.stringify({
      query: queryName,
      batchId: progress.batchId,
      inputRows: progress.numInputRows,
      startMs: progress.timestampMs,
      durationMs: progress.durationMs.triggerExecution,
      stateRows: state,
      rssMb: process.memoryUsage().rss / 2 ** 20,
      pid: process.pid,
      cpuMs: cpuMs(),
    }),
  );
}

async function startQuery(queryName: string, products: DataFrame, partitions?: number[], owner?: string) {
  const kafka = kafkaSource({
    topic,
    startingOffsets: 'earliest',
    maxOffsetsPerTrigger: positiveInt(flags.get('max-offsets'), 100_000, 'max-offsets'),
    partitions,
  });
  const sales = engine.readStream.source(parsedKafkaSource(kafka, { schema: SALE_SCHEMA, parser: parseJson(SALE_SCHEMA), keep: ['timestamp'] }));
  const windows = slidingAggregation(sales.join(products, 'sku').withWatermark('event_time', WATERMARK), 'timestamp').select(
    'sku',
    col('window.start').as('window_start'),
    col('window.end').as('window_end'),
    'orders',
    'units',
    'revenue',
    'newest',
  );
  const sink = postgresSink({ connection: pool, table: VELOCITY_TABLE, keyColumns: ['sku', 'window_start'], batchIdColumn: 'batch_id', owner });
  const query = await windows.writeStream
    .outputMode('update')
    .trigger({ processingTime: '100 milliseconds' }) // as the Spark peer
    .queryName(queryName)
    .checkpointStore(postgresCheckpointStore(queryName, pool))
    .sink({
      async addBatch(data, context) {
        await sink.addBatch(data, context);
        if (!measureLatency) return;
        const done = Date.now();
        const latencies = tableToRows(data).map((row) => done - Number(row.newest));
        console.log(JSON.stringify({ query: queryName, batchId: context.batchId, latenciesMs: latencies }));
      },
    })
    .start();
  query.on('progress', (p: StreamingQueryProgress) => report(p, queryName));
  return query;
}

async function main(): Promise<void> {
  console.log(JSON.stringify({ status: 'loaded', loadedAtMs: Date.now() })); // modules loaded (restart bench)
  if (!flags.has('profile-start')) return start();
  const { profile } = await profiled(start);
  console.log(JSON.stringify({ startProfile: profile }));
}

async function start(): Promise<void> {
  // the processes of a group run start together: CREATE TABLE IF NOT EXISTS races (pg_type unique violation) unless serialized
  await inTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('${VELOCITY_TABLE}'))`);
    await client.query(VELOCITY_DDL);
  });
  const products = await productsFrame();
  const queryName = requiredFlag(flags, 'query');
  const groupId = flags.get('group');
  if (!groupId) {
    await startQuery(queryName, products);
  } else {
    const owner = requiredFlag(flags, 'owner');
    const runner = new PartitionRunner({
      topic,
      groupId,
      startPartition: async (p) => {
        const name = `${queryName}/p${p}`;
        await claimPartitions(pool, name, `kafka:${topic}`, [p], owner);
        return startQuery(name, products, [p], owner);
      },
      onChange: (ps) => console.log(JSON.stringify({ owner, partitions: ps, atMs: Date.now() })),
      onError: (p, error) => console.error(`partition ${p}: ${(error as Error).message}`),
    });
    await runner.start();
  }
  console.log(JSON.stringify({ status: 'started', startedAtMs: Date.now() }));
}

main().catch((error: unknown) => {
  console.error(`engine-stream: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
