// `stream`: the retail queries over Kafka `sales`, committed to Postgres each trigger interval.
import type { StreamingQueryProgress } from '@shelfstream/engine';
import { Command, Option } from 'commander';
import { Pool } from 'pg';
import { durationMs, positiveInteger } from '../cli/parse-options';
import { readPipelineEnv } from '../config/pipeline-env';
import { startRetailStream } from '../retail/retail-stream';

interface StreamCommandOptions {
  topic: string;
  deadLetterTopic: string;
  trigger: number;
  maxOffsetsPerTrigger?: number;
  startingOffsets: 'earliest' | 'latest';
  group?: string;
}

export function streamCommand(): Command {
  return new Command('stream')
    .description('stream Kafka `sales` through live inventory and sales velocity into Postgres (exactly once)')
    .option('--topic <name>', 'input topic', 'sales')
    .option('--dead-letter-topic <name>', 'topic for records that fail validation', 'sales-dead-letters')
    .option('--trigger <duration>', 'micro-batch interval', durationMs, 1000)
    .option('--max-offsets-per-trigger <n>', 'at most this many records per batch', positiveInteger)
    .addOption(new Option('--starting-offsets <where>', 'where a new query starts').choices(['earliest', 'latest']).default('earliest'))
    .option('--group <id>', 'consumer group: several processes with the same id share the partitions')
    .action(async (options: StreamCommandOptions) => {
      const env = readPipelineEnv();
      const pool = new Pool({ connectionString: env.databaseUrl, max: 8, application_name: 'shelfstream-stream' });
      const stream = await startRetailStream(pool, {
        brokers: env.kafkaBrokers,
        topic: options.topic,
        deadLetterTopic: options.deadLetterTopic,
        triggerMs: options.trigger,
        maxOffsetsPerTrigger: options.maxOffsetsPerTrigger,
        startingOffsets: options.startingOffsets,
        group: options.group,
      });
      let rows = 0;
      let deadLetters = 0;
      stream.queries.inventory.on('progress', (p: StreamingQueryProgress) => {
        rows += p.numInputRows;
        if (!p.isNoDataBatch) deadLetters += stream.inventorySource.lastCounts?.deadLetters ?? 0;
      });
      const timer = setInterval(() => {
        const p = stream.queries.inventory.lastProgress;
        const watermark = p ? new Date(p.eventTime.watermarkMs).toISOString() : '-';
        console.log(`stream: last 10 s ${rows} events, ${deadLetters} dead letters; batch ${p?.batchId ?? '-'}, watermark ${watermark}`);
        rows = 0;
        deadLetters = 0;
      }, 10_000);
      console.log(`stream: running (trigger ${options.trigger} ms); Ctrl-C stops`);
      const stop = async () => {
        clearInterval(timer);
        await stream.stop();
        await pool.end();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      await Promise.race(Object.values(stream.queries).map((q) => q.awaitTermination()));
      const failed = Object.values(stream.queries).find((q) => q.exception);
      if (failed?.exception) throw failed.exception;
    });
}
