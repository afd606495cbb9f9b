// Errors raised by the connectors (files, Postgres, Kafka): always with a stable code.

export type ConnectorErrorCode =
  | 'FILE_NOT_FOUND'
  | 'UNSUPPORTED_FORMAT'
  | 'UNSUPPORTED_TYPE'
  | 'CSV_PARSE_ERROR'
  | 'JSON_PARSE_ERROR'
  | 'SCHEMA_MISMATCH'
  | 'INVALID_OPTION'
  | 'INVALID_OFFSET'
  | 'SINK_ERROR'
  | 'SOURCE_ERROR'
  /** The source's service is away for now (a Kafka read got nothing in time, its consumer dropped out): retry later. */
  | 'SOURCE_UNAVAILABLE'
  /** Consumer-group mode: a partition moved to another member while being read. */
  | 'PARTITION_REVOKED'
  /** Consumer-group mode: a read of a partition this member does not own. */
  | 'PARTITION_NOT_OWNED'
  /** Consumer-group mode: a commit by an owner that another member has since replaced. */
  | 'PARTITION_FENCED';

export class ConnectorError extends Error {
  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = 'ConnectorError';
  }
}
