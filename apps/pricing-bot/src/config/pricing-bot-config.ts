// The pricing bot's configuration: declared once, validated at boot (loadConfig); one error lists every bad variable.
import { readFileSync } from 'node:fs';
import { parsePricingPolicy, type PricingPolicy } from '@shelfstream/domain';
import { ConfigError, loadConfig, LOG_LEVELS, type LogLevel, Var } from '@shelfstream/platform';

export class PricingBotConfig {
  @Var.postgresUrl('Postgres database (read models, decisions, price changes outbox).')
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shelfstream';

  @Var.redisUrl('Redis of the BullMQ queues and schedulers.')
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Var.kafkaBrokers('Kafka bootstrap brokers.')
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Var.text('Topic the price changes are published to (contracts: `price-changes`).')
  PRICE_CHANGES_TOPIC = 'price-changes';

  @Var.matching(/^[A-Za-z0-9:_-]+$/, 'letters, digits, : _ -', 'BullMQ key prefix; tests use a unique one.')
  QUEUE_PREFIX = 'shelfstream';

  @Var.matching(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ -', 'Name of the BullMQ repricing queue.')
  REPRICING_QUEUE = 'repricing';

  @Var.int({ min: 1, max: 64 }, 'Evaluations running at once (different SKUs; one SKU never runs twice at once).')
  EVALUATION_CONCURRENCY = 8;

  @Var.int({ min: 0, max: 60_000, unit: 'ms' }, 'An evaluation waits this long before it runs, so a burst of updates for a SKU coalesces into one.')
  EVALUATION_DEBOUNCE_MS = 50;

  @Var.int({ min: 0, unit: 'ms' }, 'Every SKU is re-evaluated this often (0 = no sweep).')
  SWEEP_INTERVAL_MS = 60_000;

  @Var.int({ min: 1, max: 50 }, 'Attempts of a failing evaluation job.')
  JOB_ATTEMPTS = 5;

  @Var.int({ min: 1, unit: 'ms' }, 'First retry delay; doubles on each attempt.')
  JOB_BACKOFF_MS = 200;

  @Var.int({ min: 500, unit: 'ms' }, "How long a job's lock lives without renewal; after a crash its job is re-run once this expires.")
  JOB_LOCK_MS = 30_000;

  @Var.int({ min: 500, unit: 'ms' }, 'How often BullMQ looks for stalled jobs.')
  STALLED_CHECK_MS = 30_000;

  @Var.text('Cron (UTC) of the nightly baseline recomputation.')
  BASELINE_CRON = '0 3 * * *';

  @Var.optionalText("Command line of the batch baseline query run nightly (e.g. the pipeline's `backfill --only baseline`); unset = not scheduled.")
  BASELINE_COMMAND: string | undefined = undefined;

  @Var.optionalText('JSON file with a partial PricingPolicy (defaults fill the rest).', { allowEmpty: true })
  PRICING_POLICY_FILE: string | undefined = undefined;

  @Var.bool('Global kill switch: every decision is recorded and blocked.')
  PRICING_KILL_SWITCH = false;

  @Var.int({ min: 1, max: 200 }, 'Postgres connections in the pool.')
  DB_POOL_SIZE = 12;

  @Var.int({ min: 0, max: 65535 }, "Port of the worker's Prometheus `/metrics` endpoint (0 = off).")
  METRICS_PORT = 0;

  @Var.oneOf(LOG_LEVELS, "Level of the worker's JSON log lines (its own and Nest's).")
  LOG_LEVEL: LogLevel = 'info';

  /** The validated policy (file + kill switch), filled in by loadPricingBotConfig. */
  policy!: PricingPolicy;
}

function loadPolicy(config: PricingBotConfig): PricingPolicy {
  const file = config.PRICING_POLICY_FILE;
  const override = file ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  return parsePricingPolicy({ ...override, killSwitch: config.PRICING_KILL_SWITCH || override['killSwitch'] === true });
}

/** The validated variables, then the policy they name (a bad policy file is one more config problem). */
export function loadPricingBotConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<PricingBotConfig> = {}): PricingBotConfig {
  const config = loadConfig(PricingBotConfig, env, overrides);
  try {
    config.policy = overrides.policy ?? loadPolicy(config);
  } catch (error) {
    throw new ConfigError([`PRICING_POLICY_FILE=${JSON.stringify(config.PRICING_POLICY_FILE)}: ${(error as Error).message}`]);
  }
  return config;
}
