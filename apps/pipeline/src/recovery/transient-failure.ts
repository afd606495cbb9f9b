// Which failures of a running stream are worth a restart: lost or refused connections to Kafka or
// Postgres (a broker restart, a terminated backend, a database still starting up). Decided on codes
// only, never on message text or class names: errno codes, Postgres SQLSTATEs, the engine connectors'
// codes, and kafkajs' own `retriable` flag. Everything else (analysis errors, bad config, corrupt
// checkpoints, constraint violations, values that do not fit) ends the process.
import { CONNECTION_LOST } from '@shelfstream/postgres-connector';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// Engine connector codes for "the service is away": a Kafka read that got nothing in time or whose
// consumer dropped out, a Postgres connection closed without a SQLSTATE (tagged by resilientPool).
const ENGINE_CODES = new Set(['SOURCE_UNAVAILABLE', CONNECTION_LOST]);
/**
 * Postgres SQLSTATEs: class 08 (connection exception), 53000/53300 (insufficient resources, too many
 * connections), 55000 (database not accepting connections), 57P01-57P03 (admin/crash shutdown, cannot
 * connect now: starting up or in recovery), 40001/40P01 (serialization failure, deadlock: retry the batch).
 */
const PG_TRANSIENT = /^(08...|53000|53300|55000|57P0[123]|40001|40P01)$/;
const MAX_DEPTH = 8;

interface ErrorLike {
  readonly code?: unknown;
  readonly retriable?: unknown;
  readonly cause?: unknown;
  readonly originalError?: unknown;
}

/** The error codes of one link that make it transient (kafkajs marks its errors with `retriable`). */
function transientLink({ code, retriable }: ErrorLike): boolean {
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || ENGINE_CODES.has(code) || PG_TRANSIENT.test(code))) return true;
  return retriable === true;
}

/** True when the error, or any error in its cause chain (`cause`, kafkajs' `originalError`), is transient by its code. */
export function isTransientFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const link = current as ErrorLike;
    if (transientLink(link)) return true;
    current = link.cause ?? link.originalError;
  }
  return false;
}
