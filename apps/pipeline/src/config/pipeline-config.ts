// The pipeline's configuration: declared once, validated at boot (loadConfig); one error lists every bad variable.
import { DEFAULT_MAX_FUTURE_SKEW_MS, VELOCITY_WATERMARK_DELAY_MS } from '@shelfstream/domain';
import { loadConfig, LOG_LEVELS, type LogLevel, Var } from '@shelfstream/platform';

export class PipelineConfig {
  @Var.kafkaBrokers('Kafka bootstrap brokers.')
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Var.postgresUrl('Postgres database (read models, checkpoints, dead letters).')
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shelfstream';

  // a larger skew would let one accepted event push the watermark past on-time events
  @Var.int(
    { min: 0, max: VELOCITY_WATERMARK_DELAY_MS, unit: 'ms' },
    'How far past its Kafka timestamp an event time may be (stream only); at most the watermark delay.',
  )
  EVENT_TIME_MAX_FUTURE_MS = DEFAULT_MAX_FUTURE_SKEW_MS;

  @Var.optionalIsoTime("Set by the bot's nightly job: the baseline covers the whole days before it.")
  BASELINE_AS_OF: string | undefined = undefined;

  @Var.oneOf(LOG_LEVELS, "Level of the stream command's JSON log lines (start, status, restarts, failures); one-shot commands print text.")
  LOG_LEVEL: LogLevel = 'info';

  @Var.int({ min: 0, max: 65535 }, "Port of the stream command's Prometheus `/metrics` endpoint (0 = off).")
  METRICS_PORT = 0;
}

export const loadPipelineConfig = (env: NodeJS.ProcessEnv = process.env): PipelineConfig => loadConfig(PipelineConfig, env);
