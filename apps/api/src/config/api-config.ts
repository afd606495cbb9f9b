// The API's configuration: declared once, validated at boot (loadConfig); one error lists every bad variable.
import { loadConfig, Var } from '@shelfstream/platform';

/** `scheme://host[:port]`, comma separated (no paths, no wildcards). */
const ORIGIN_LIST = /^(https?:\/\/[^\s,/]+)?(,https?:\/\/[^\s,/]+)*$/;

export class ApiConfig {
  @Var.int({ min: 0, max: 65535 }, 'HTTP port (0 picks a free one).')
  PORT = 3000;

  @Var.text('Interface the HTTP server binds.')
  HOST = '0.0.0.0';

  @Var.postgresUrl('Postgres database (read models, API keys, dead letters).')
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shelfstream';

  @Var.kafkaBrokers('Kafka bootstrap brokers.')
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Var.text('Topic carrying price changes from the pricing bot (contracts: `price-changes`).')
  PRICE_CHANGES_TOPIC = 'price-changes';

  @Var.bool('Consume `price-changes` from Kafka for `price.changed` socket events.')
  KAFKA_CONSUMER_ENABLED = true;

  @Var.bool('When true, data GETs and the socket feed need a key with scope `read` (the dashboard page, its assets and `/health*` stay open).')
  API_READS_REQUIRE_KEY = false;

  @Var.int(
    { min: 1, max: 10_000 },
    'Failed API-key checks (unknown or revoked key) allowed per client IP and minute; past it every keyed request and socket handshake from that IP gets 429 `RATE_LIMITED` with `Retry-After` until the minute is over.',
  )
  API_KEY_FAILURES_PER_MINUTE = 10;

  @Var.matching(
    ORIGIN_LIST,
    'a comma-separated list of http(s)://host[:port] origins',
    "Browser origins (besides the API's own) allowed on the socket feed; other origins get no CORS headers and their handshake is refused with 403; clients without an `Origin` header (servers) are not affected. Empty = same origin only.",
  )
  SOCKET_CORS_ORIGINS = '';

  @Var.int({ min: 2, max: 64 }, 'JSON bodies nesting arrays/objects deeper than this are refused (400 `VALIDATION_FAILED`) before validation.')
  MAX_BODY_DEPTH = 16;

  @Var.int({ min: 1, max: 10_080 }, 'A SKU is live when its last event is at most this long before the live clock (newest stream watermark).')
  LIVE_WINDOW_MINUTES = 60;

  @Var.int({ min: 1 }, 'Write requests allowed per client IP and minute (write routes only).')
  WRITE_RATE_LIMIT_PER_MINUTE = 60;

  @Var.int({ min: 10, max: 10_000, unit: 'ms' }, 'Socket updates per SKU are coalesced over this interval (newest wins).')
  SOCKET_COALESCE_MS = 250;

  @Var.int({ min: 1 }, 'A socket whose unsent packet buffer exceeds this is disconnected.')
  SOCKET_MAX_BUFFERED_PACKETS = 200;

  @Var.int({ min: 1, max: 200 }, 'Postgres connections in the pool.')
  DB_POOL_SIZE = 20;

  @Var.int({ min: 0, max: 3_600_000, unit: 'ms' }, 'SKU documents are cached until a commit notification names the SKU, at most this long (0 = no cache).')
  SKU_CACHE_TTL_MS = 60_000;
}

export const loadApiConfig = (env: NodeJS.ProcessEnv = process.env, overrides: Partial<ApiConfig> = {}): ApiConfig => loadConfig(ApiConfig, env, overrides);
