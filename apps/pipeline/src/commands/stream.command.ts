// `stream`: the retail queries over Kafka `sales`, committed to Postgres each trigger interval.
import type { StreamingQueryProgress } from '@shelfstream/engine';
import { Command, Option } from 'commander';
import { Pool } from 'pg';
import { durationMs, positiveInteger } from '../cli/parse-options';
import { readPipelineEnv } from '../config/pipeline-env';
import { startRetailStream } from '../retail/retail-stream';
import { startRetailStreamGroup } from '../retail/retail-stream-group';

interface StreamCommandOptions {
  topic: string;
  deadLetterTopic: string;
  trigger: number;
  maxOffsetsPerTrigger?: number;
  startingOffsets: 'earliest' | 'latest';
  asyncCommit: boolean;
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
    .option('--group <id>', 'consumer group: processes with the same id split the partitions (one stream per owned partition)')
    .option('--async-commit', 'Postgres synchronous_commit=off for this process (still exactly once; see docs/retail-pipeline.md)', false)
    .action(async (options: StreamCommandOptions) => {
      const env = readPipelineEnv();
      const pool = new Pool({
        connectionString: env.databaseUrl,
        max: 8,
        application_name: 'shelfstream-stream',
        options: options.asyncCommit ? '-c synchronous_commit=off' : undefined,
      });
      const settings = {
        brokers: env.kafkaBrokers,
        topic: options.topic,
        deadLetterTopic: options.deadLetterTopic,
        triggerMs: options.trigger,
        maxOffsetsPerTrigger: options.maxOffsetsPerTrigger,
        startingOffsets: options.startingOffsets,
      };
      if (options.group) {
        const group = await startRetailStreamGroup(pool, { ...settings, group: options.group, onChange: (ps) => console.log(`stream: owns partitions [${ps.join(', ')}]`) });
        console.log(`stream: running in group ${options.group} (trigger ${options.trigger} ms); Ctrl-C stops`);
        const stop = async () => {
          setTimeout(() => process.exit(0), 10_000).unref();
          await group.stop().catch(() => undefined);
          await pool.end().catch(() => undefined);
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
        return;
      }
      const stream = await startRetailStream(pool, settings);
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
      const stop = async (code: number) => {
        clearInterval(timer);
        setTimeout(() => process.exit(code), 10_000).unref(); // never hang on a broken connection
        await stream.stop().catch(() => undefined);
        await pool.end().catch(() => undefined);
        process.exit(code);
      };
      process.once('SIGINT', () => void stop(0));
      process.once('SIGTERM', () => void stop(0));
      // One failed query stops the process (a supervisor restarts it; the checkpoints make that safe).
      await Promise.race(Object.values(stream.queries).map((q) => q.awaitTermination().catch(() => undefined)));
      const failed = Object.values(stream.queries).find((q) => q.exception);
      console.error(`stream: query stopped${failed?.exception ? `: [${failed.exception.code}] ${failed.exception.message}` : ''}`);
      await stop(1);
    });
}
