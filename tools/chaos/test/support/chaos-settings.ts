// Fault counts and load sizes of the reliability suite, from the environment (defaults are small so the
// whole suite stays within a CI budget; raise them for a longer soak).
function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`[CHAOS_CONFIG] ${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export interface ChaosSettings {
  /** Valid events per streaming scenario. */
  readonly events: number;
  readonly skus: number;
  readonly pipelineKills: number;
  readonly botKills: number;
  readonly apiKills: number;
  readonly kafkaRestarts: number;
  readonly postgresCuts: number;
  /** Jobs put in Redis before the bot starts. */
  readonly redisBacklog: number;
  /** Malformed records per kind in the bad-input corpus. */
  readonly malformedPerKind: number;
  /** Seconds over which a scenario's load is produced (the faults are spread over this time). */
  readonly produceSeconds: number;
  /** Port of the private broker the Kafka-restart scenario starts, restarts and stops (19092 is often taken by CI clones). */
  readonly privateBrokerPort: number;
}

export function chaosSettings(): ChaosSettings {
  return {
    events: count('CHAOS_EVENTS', 20_000),
    skus: count('CHAOS_SKUS', 40),
    pipelineKills: count('CHAOS_PIPELINE_KILLS', 4),
    botKills: count('CHAOS_BOT_KILLS', 3),
    apiKills: count('CHAOS_API_KILLS', 3),
    kafkaRestarts: count('CHAOS_KAFKA_RESTARTS', 2),
    postgresCuts: count('CHAOS_PG_CUTS', 2),
    redisBacklog: count('CHAOS_REDIS_BACKLOG', 5_000),
    malformedPerKind: count('CHAOS_MALFORMED_PER_KIND', 25),
    produceSeconds: count('CHAOS_PRODUCE_SECONDS', 30),
    privateBrokerPort: count('CHAOS_KAFKA_PORT', 19192),
  };
}

/** The shared broker (infra:up) every scenario but the Kafka restart uses. */
export const SHARED_BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
