// `stream`: the retail query over Kafka `sales`, committed to Postgres each trigger interval.
import type { StreamingQueryProgress } from '@shelfstream/engine';
import { parseFactsOf } from '@shelfstream/kafka-connector';
import { resilientPool } from '@shelfstream/postgres-connector';
import { brokerList, createLogger, serveMetrics } from '@shelfstream/platform';
import { Command, Option } from 'commander';
import { durationMs, positiveInteger } from '../cli/parse-options';
import { loadPipelineConfig } from '../config/pipeline-config';
import { StreamMetrics } from '../metrics/stream-metrics';
import { DEFAULT_RESTART_POLICY, SelfHealingStream } from '../recovery/self-healing-stream';
import { type RetailStream, startRetailStream } from '../retail/retail-stream';
import { type RetailStreamGroup, startRetailStreamGroup } from '../retail/retail-stream-group';

interface StreamCommandOptions {
  topic: string;
  deadLetterTopic: string;
  trigger: number;
  maxOffsetsPerTrigger?: number;
  startingOffsets: 'earliest' | 'latest';
  asyncCommit: boolean;
  group?: string;
  maxOutage: number;
  statusEvery: number;
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
    .option(
      '--max-outage <duration>',
      'lost Kafka/Postgres connections restart the queries with backoff (0.5 s .. 10 s); exit only after this long without a committed batch',
      durationMs,
      DEFAULT_RESTART_POLICY.maxOutageMs,
    )
    .option('--status-every <duration>', 'how often to log events, dead letters, the batch and the watermark', durationMs, 10_000)
    .option('--async-commit', 'Postgres synchronous_commit=off for this process (still exactly once; see docs/retail-pipeline.md)', false)
    .action(async (options: StreamCommandOptions) => {
      const env = loadPipelineConfig();
      // The long-running stream logs JSON lines (pino) for log collectors; each msg keeps a readable text
      // ("stream: running ...", which e2e and chaos wait for). One-shot commands print results as text.
      const logger = createLogger('stream', env.LOG_LEVEL);
      const metrics = new StreamMetrics();
      const metricsServer = env.METRICS_PORT > 0 ? await serveMetrics(metrics.registry, env.METRICS_PORT) : undefined;
      const pool = resilientPool({
        connectionString: env.DATABASE_URL,
        max: 8,
        application_name: 'shelfstream-stream',
        options: options.asyncCommit ? '-c synchronous_commit=off' : undefined,
      });
      const settings = {
        brokers: brokerList(env.KAFKA_BROKERS),
        topic: options.topic,
        deadLetterTopic: options.deadLetterTopic,
        triggerMs: options.trigger,
        maxOffsetsPerTrigger: options.maxOffsetsPerTrigger,
        startingOffsets: options.startingOffsets,
        maxFutureSkewMs: env.EVENT_TIME_MAX_FUTURE_MS,
      };
      const restartPolicy = { ...DEFAULT_RESTART_POLICY, maxOutageMs: options.maxOutage };
      if (options.group) {
        const running: { group?: RetailStreamGroup } = {}; // onFatal may fire before the group is returned
        const stop = async (code: number) => {
          setTimeout(() => process.exit(code), 10_000).unref();
          await running.group?.stop().catch(() => undefined);
          await metricsServer?.close();
          await pool.end().catch(() => undefined);
          process.exit(code);
        };
        running.group = await startRetailStreamGroup(pool, {
          ...settings,
          group: options.group,
          restartPolicy,
          logger,
          onStream: (stream) => metrics.observe(stream),
          onChange: (ps) => {
            metrics.keepLagOf(ps);
            logger.info({ partitions: ps }, `stream: owns partitions [${ps.join(', ')}]`);
          },
          onFatal: (partition, error) => {
            logger.fatal({ partition, err: error }, `stream: partition ${partition} stopped: ${failureText(error)}`);
            void stop(1);
          },
        });
        logger.info(
          { group: options.group, triggerMs: options.trigger },
          `stream: running in group ${options.group} (trigger ${options.trigger} ms); Ctrl-C stops`,
        );
        process.once('SIGINT', () => void stop(0));
        process.once('SIGTERM', () => void stop(0));
        return;
      }
      let announced = false;
      let rows = 0;
      let deadLetters = 0;
      const healing = new SelfHealingStream<RetailStream>({
        start: () => startRetailStream(pool, settings),
        policy: restartPolicy,
        log: (line) => logger.warn(line),
        onStart: (stream, restarts) => {
          if (!announced) logger.info({ triggerMs: options.trigger }, `stream: running (trigger ${options.trigger} ms); Ctrl-C stops`);
          else logger.info({ restarts }, `stream: query running again on its checkpoint (restart ${restarts})`);
          announced = true;
          metrics.observe(stream);
          stream.query.on('progress', (p: StreamingQueryProgress) => {
            rows += p.numInputRows;
            deadLetters += p.sources.reduce((n, s) => n + (parseFactsOf(s.facts)?.deadLetters ?? 0), 0);
          });
        },
      });
      const timer = setInterval(() => {
        const batch = healing.current?.query.lastProgress?.batchId ?? null;
        const watermarkMs = healing.current?.watermarkMs() ?? 0;
        const watermark = watermarkMs > 0 ? new Date(watermarkMs).toISOString() : null;
        logger.info(
          { periodMs: options.statusEvery, events: rows, deadLetters, batch, watermark },
          `stream: last ${options.statusEvery / 1000} s ${rows} events, ${deadLetters} dead letters; batch ${batch ?? '-'}, watermark ${watermark ?? 'none yet'}`,
        );
        rows = 0;
        deadLetters = 0;
      }, options.statusEvery);
      const stop = async (code: number) => {
        clearInterval(timer);
        setTimeout(() => process.exit(code), 10_000).unref(); // never hang on a broken connection
        await healing.stop().catch(() => undefined);
        await metricsServer?.close();
        await pool.end().catch(() => undefined);
        process.exit(code);
      };
      process.once('SIGINT', () => void stop(0));
      process.once('SIGTERM', () => void stop(0));
      // Transient failures (lost Kafka/Postgres connections) restart the queries inside run(); it ends
      // only on a failure that is not transient or an outage longer than --max-outage.
      try {
        await healing.run();
      } catch (error) {
        logger.fatal({ err: error }, `stream: stopped: ${failureText(error)}`);
        await stop(1);
      }
    });
}

/** "[CODE] message" for a failure that ends the process. */
function failureText(error: unknown): string {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = String(message ?? error);
  return typeof code === 'string' && !text.startsWith('[') ? `[${code}] ${text}` : text;
}
