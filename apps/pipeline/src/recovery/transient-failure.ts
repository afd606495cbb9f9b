// Which failures of a running stream are worth a restart: lost connections to Kafka or Postgres (a
// broker restart, a terminated backend, a failover). Everything else (analysis errors, bad config,
// corrupt checkpoints, constraint violations) is a bug or a setup problem and ends the process.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// kafkajs errors that mean "the broker or the cluster is (temporarily) away".
const KAFKA_TRANSIENT = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSLockTimeout',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
  'KafkaJSGroupCoordinatorNotFound',
  'KafkaJSTimeout',
  'KafkaJSStaleTopicMetadataAssignment',
]);
// Postgres SQLSTATEs: class 08 (connection exception), 57P01-57P03 (admin/crash shutdown, cannot
// connect now), 53300 (too many connections).
const PG_TRANSIENT = /^(08...|57P0[123]|53300)$/;
// node-postgres reports a dropped socket without a code.
const LOST_CONNECTION = /Connection terminated|connection (?:is )?(?:closed|lost)|Client has encountered a connection error|timeout exceeded when trying to connect/i;
// The Kafka reader's consumer after a broker loss: kafkajs gave up and dropped its group (seek/pause then
// throw), or a read got no records before its timeout. A restart makes a new consumer.
const KAFKA_CONSUMER_LOST = /Consumer group was not initialized|timed out reading \S+ ranges/;
const MAX_DEPTH = 8;

interface ErrorLike {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly retriable?: unknown;
  readonly cause?: unknown;
  readonly originalError?: unknown;
}

function transientLink(error: ErrorLike): boolean {
  const { name, code, message, retriable } = error;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || PG_TRANSIENT.test(code))) return true;
  if (typeof name === 'string' && name.startsWith('KafkaJS') && (KAFKA_TRANSIENT.has(name) || retriable === true)) return true;
  return typeof message === 'string' && (LOST_CONNECTION.test(message) || KAFKA_CONSUMER_LOST.test(message));
}

/** True when the error, or any error in its cause chain (`cause`, kafkajs' `originalError`), is a lost connection. */
export function isTransientFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_DEPTH && typeof current === 'object' && current !== null; depth++) {
    const link = current as ErrorLike;
    if (transientLink(link)) return true;
    current = link.cause ?? link.originalError;
  }
  return false;
}
