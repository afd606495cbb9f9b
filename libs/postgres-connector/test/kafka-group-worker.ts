// One member of a consumer group reading a topic into Postgres with the connectors alone (a
// hand-written micro-batch loop, as the executor would run it): claims partitions on assignment,
// resumes them at the offsets committed with the last batch, and re-plans after a fenced commit.
// Env: TOPIC, PG_URL, QUERY, GROUP, OWNER.
import { Field, Int32, Schema, Utf8 } from 'apache-arrow';
import { Pool } from 'pg';
import { describeError } from '@shelfstream/engine';
import { isPartitionLoss, kafkaSource, parsedKafkaSource, parseJson } from '@shelfstream/kafka-connector';
import { claimPartitions, postgresSink } from '../src';
import type { Offset } from '@shelfstream/engine';

const EVENT = new Schema([new Field('sku', new Utf8(), false), new Field('quantity', new Int32(), false)]);

async function main(): Promise<void> {
  const { TOPIC, PG_URL, QUERY, GROUP, OWNER } = process.env as Record<string, string>;
  const pool = new Pool({ connectionString: PG_URL, max: 4 });
  const kafka = kafkaSource({
    topic: TOPIC,
    startingOffsets: 'earliest',
    maxOffsetsPerTrigger: 3000,
    group: { groupId: GROUP, resumeOffsets: (ps) => claimPartitions(pool, QUERY, `kafka:${TOPIC}`, ps, OWNER) },
  });
  kafka.onPartitionsChanged((ps) => process.stdout.write(`owns ${ps.join(',')}\n`));
  const source = parsedKafkaSource(kafka, { schema: EVENT, parser: parseJson(EVENT), keep: ['partition', 'offset'] });
  const sink = postgresSink({ connection: pool, table: 'seen', name: `seen@${OWNER}`, owner: OWNER });
  await kafka.start();
  process.stdout.write('started\n');
  // batch ids only need to grow per owner across restarts
  let batchId = Date.now() * 1000;
  let start: Offset | undefined;
  for (;;) {
    const end = await source.latestOffset(start);
    if (!end || JSON.stringify(end) === JSON.stringify(start)) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    try {
      const rows = await source.getBatch(start, end);
      await sink.addBatch(rows, {
        queryName: QUERY,
        batchId: batchId++,
        outputMode: 'append',
        endOffsets: { [source.name]: end },
        watermarkMs: 0,
        batchTimestampMs: Date.now(),
      });
      start = end;
    } catch (error) {
      // a lost partition: re-plan from the owned partitions' offsets
      if (!isPartitionLoss(error)) throw error;
      process.stdout.write(`re-plan: ${describeError(error).slice(0, 120)}\n`);
      start = undefined;
      await kafka.resync();
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`group worker failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
