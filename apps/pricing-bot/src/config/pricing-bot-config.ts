// The pricing bot's configuration: declared once, validated at boot; one error lists every bad variable.
import { readFileSync } from 'node:fs';
import { parsePricingPolicy, type PricingPolicy } from '@shelfstream/domain';
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  return ['1', 'true', 'yes', 'on'].includes(v) ? true : ['0', 'false', 'no', 'off', ''].includes(v) ? false : value;
};

export class PricingBotConfig {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shelfstream';

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @IsString() @IsNotEmpty()
  PRICE_CHANGES_TOPIC = 'price-changes';

  /** BullMQ key prefix; tests use a unique one. */
  @Matches(/^[A-Za-z0-9:_-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, : _ -' })
  QUEUE_PREFIX = 'shelfstream';

  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'REPRICING_QUEUE may hold letters, digits, _ -' })
  REPRICING_QUEUE = 'repricing';

  /** Evaluations running at once (different SKUs; one SKU never runs twice at once). */
  @Transform(toInt) @IsInt() @Min(1) @Max(64)
  EVALUATION_CONCURRENCY = 8;

  /** An evaluation waits this long before it runs, so a burst of updates for a SKU coalesces into one. */
  @Transform(toInt) @IsInt() @Min(0) @Max(60_000)
  EVALUATION_DEBOUNCE_MS = 50;

  /** Every SKU is re-evaluated this often (0 = no sweep). */
  @Transform(toInt) @IsInt() @Min(0)
  SWEEP_INTERVAL_MS = 60_000;

  @Transform(toInt) @IsInt() @Min(1) @Max(50)
  JOB_ATTEMPTS = 5;

  /** First retry delay; doubles on each attempt. */
  @Transform(toInt) @IsInt() @Min(1)
  JOB_BACKOFF_MS = 200;

  /** How long a job's lock lives without renewal; after a crash its job is re-run once this expires. */
  @Transform(toInt) @IsInt() @Min(500)
  JOB_LOCK_MS = 30_000;

  @Transform(toInt) @IsInt() @Min(500)
  STALLED_CHECK_MS = 30_000;

  /** Cron (UTC) of the nightly baseline recomputation. */
  @IsString() @IsNotEmpty()
  BASELINE_CRON = '0 3 * * *';

  /** Command line of the batch baseline query run nightly (e.g. the pipeline's `backfill --only baseline`); unset = not scheduled. */
  @IsOptional() @IsString() @IsNotEmpty()
  BASELINE_COMMAND: string | undefined = undefined;

  /** JSON file with a partial PricingPolicy (defaults fill the rest). */
  @IsOptional() @IsString()
  PRICING_POLICY_FILE: string | undefined = undefined;

  /** Global kill switch: every decision is recorded and blocked. */
  @Transform(toBool) @IsBoolean()
  PRICING_KILL_SWITCH = false;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 12;

  /** The validated policy (file + kill switch), filled in by loadPricingBotConfig. */
  policy!: PricingPolicy;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function loadPolicy(config: PricingBotConfig): PricingPolicy {
  const file = config.PRICING_POLICY_FILE;
  const override = file ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  return parsePricingPolicy({ ...override, killSwitch: config.PRICING_KILL_SWITCH || override['killSwitch'] === true });
}

/** Reads known variables from `env` (unset ones keep their defaults), then `overrides`, and validates all. */
export function loadPricingBotConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<PricingBotConfig> = {}): PricingBotConfig {
  const known = Object.keys(new PricingBotConfig()).filter((k) => k !== 'policy') as (keyof PricingBotConfig)[];
  const plain: Record<string, unknown> = {};
  for (const key of known) if (env[key] !== undefined) plain[key] = env[key];
  const config = plainToInstance(PricingBotConfig, { ...plain, ...overrides });
  const errors = validateSync(config, { forbidUnknownValues: true });
  const problems = errors.map(
    (e) => `${e.property}=${JSON.stringify(plain[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (problems.length === 0) {
    try {
      config.policy = overrides.policy ?? loadPolicy(config);
    } catch (error) {
      problems.push(`PRICING_POLICY_FILE=${JSON.stringify(config.PRICING_POLICY_FILE)}: ${(error as Error).message}`);
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}
