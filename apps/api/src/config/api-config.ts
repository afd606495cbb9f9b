// The API's configuration: declared once, validated at boot; one error lists every bad variable.
import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsNotEmpty, IsString, Matches, Max, Min, validateSync } from 'class-validator';

/** `scheme://host[:port]`, comma separated (no paths, no wildcards). */
const ORIGIN_LIST = /^(https?:\/\/[^\s,/]+)?(,https?:\/\/[^\s,/]+)*$/;

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  return ['1', 'true', 'yes', 'on'].includes(v) ? true : ['0', 'false', 'no', 'off', ''].includes(v) ? false : value;
};

export class ApiConfig {
  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString() @IsNotEmpty()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shelfstream';

  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  /** Topic carrying price changes from the pricing bot (contracts: `price-changes`). */
  @IsString() @IsNotEmpty()
  PRICE_CHANGES_TOPIC = 'price-changes';

  /** Consume `price-changes` from Kafka for `price.changed` socket events. */
  @Transform(toBool) @IsBoolean()
  KAFKA_CONSUMER_ENABLED = true;

  /** When true, GET endpoints also need an API key (scope `read`). */
  @Transform(toBool) @IsBoolean()
  API_READS_REQUIRE_KEY = false;

  /** Failed API-key checks (unknown or revoked key) allowed per client IP and minute; past it every
   * keyed request and socket handshake from that IP gets 429 until the minute is over. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000)
  API_KEY_FAILURES_PER_MINUTE = 10;

  /** Browser origins (besides the API's own) allowed to open the socket.io feed; empty = same origin only. */
  @Matches(ORIGIN_LIST, { message: 'SOCKET_CORS_ORIGINS must be a comma-separated list of http(s)://host[:port] origins' })
  SOCKET_CORS_ORIGINS = '';

  /** JSON bodies nesting deeper than this (arrays and objects) are refused with 400 before validation. */
  @Transform(toInt) @IsInt() @Min(2) @Max(64)
  MAX_BODY_DEPTH = 16;

  /** A SKU is live when its last event is at most this long before the live clock (newest stream watermark). */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_080)
  LIVE_WINDOW_MINUTES = 60;

  /** Write requests allowed per client and minute. */
  @Transform(toInt) @IsInt() @Min(1)
  WRITE_RATE_LIMIT_PER_MINUTE = 60;

  /** Socket updates per SKU are coalesced over this interval (newest wins). */
  @Transform(toInt) @IsInt() @Min(10) @Max(10_000)
  SOCKET_COALESCE_MS = 250;

  /** A socket whose unsent packet buffer exceeds this is disconnected. */
  @Transform(toInt) @IsInt() @Min(1)
  SOCKET_MAX_BUFFERED_PACKETS = 200;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 20;

  /** SKU documents are cached until a commit notification names the SKU, at most this long (0 = no cache). */
  @Transform(toInt) @IsInt() @Min(0) @Max(3_600_000)
  SKU_CACHE_TTL_MS = 60_000;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Reads known variables from `env` (unset ones keep their defaults), then `overrides`, and validates all. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<ApiConfig> = {}): ApiConfig {
  const known = Object.keys(new ApiConfig()) as (keyof ApiConfig)[];
  const plain: Record<string, unknown> = {};
  for (const key of known) if (env[key] !== undefined) plain[key] = env[key];
  const config = plainToInstance(ApiConfig, { ...plain, ...overrides });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length) {
    throw new ConfigError(
      errors.map((e) => `${e.property}=${JSON.stringify(plain[e.property] ?? e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`),
    );
  }
  return config;
}
