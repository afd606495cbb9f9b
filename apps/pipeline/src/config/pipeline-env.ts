// Environment settings, read once and validated together (one error lists every bad variable).
import { DEFAULT_MAX_FUTURE_SKEW_MS, VELOCITY_WATERMARK_DELAY_MS } from '@shelfstream/domain';

export interface PipelineEnv {
  readonly kafkaBrokers: string[];
  readonly databaseUrl: string;
  /** EVENT_TIME_MAX_FUTURE_MS: how far past its Kafka timestamp an event time may be (stream only). */
  readonly maxFutureSkewMs: number;
  /** BASELINE_AS_OF (set by the bot's nightly job): the baseline covers the whole days before it. */
  readonly baselineAsOfMs?: number;
}

export class PipelineConfigError extends Error {
  readonly code = 'INVALID_CONFIG';
}

export function readPipelineEnv(env: NodeJS.ProcessEnv = process.env): PipelineEnv {
  const problems: string[] = [];
  const brokers = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim()).filter(Boolean);
  if (brokers.length === 0 || brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) problems.push(`KAFKA_BROKERS must be host:port[,host:port], got "${env.KAFKA_BROKERS}"`);
  const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shelfstream';
  try {
    if (!new URL(databaseUrl).protocol.startsWith('postgres')) problems.push(`DATABASE_URL must be a postgres:// URL`);
  } catch {
    problems.push(`DATABASE_URL is not a URL: "${databaseUrl}"`);
  }
  const skew = env.EVENT_TIME_MAX_FUTURE_MS ?? String(DEFAULT_MAX_FUTURE_SKEW_MS);
  const maxFutureSkewMs = /^\d+$/.test(skew) ? Number(skew) : NaN;
  // a larger skew would let one accepted event push the watermark past on-time events
  if (!(maxFutureSkewMs <= VELOCITY_WATERMARK_DELAY_MS)) {
    problems.push(`EVENT_TIME_MAX_FUTURE_MS must be an integer from 0 to ${VELOCITY_WATERMARK_DELAY_MS} (the watermark delay), got "${skew}"`);
  }
  const baselineAsOfMs = env.BASELINE_AS_OF ? Date.parse(env.BASELINE_AS_OF) : undefined;
  if (baselineAsOfMs !== undefined && Number.isNaN(baselineAsOfMs)) problems.push(`BASELINE_AS_OF must be an ISO-8601 time, got "${env.BASELINE_AS_OF}"`);
  if (problems.length > 0) throw new PipelineConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return { kafkaBrokers: brokers, databaseUrl, maxFutureSkewMs, baselineAsOfMs };
}
