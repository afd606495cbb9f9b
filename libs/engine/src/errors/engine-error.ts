// Every failure the engine reports carries a stable code, so callers can map it (e.g. to HTTP statuses).
export type EngineErrorCode =
  | 'UNRESOLVED_COLUMN'
  | 'AMBIGUOUS_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'TYPE_MISMATCH'
  | 'INVALID_SCHEMA'
  | 'INVALID_DURATION'
  | 'INVALID_WINDOW'
  | 'INVALID_WATERMARK'
  | 'INVALID_ARGUMENT'
  | 'INVALID_INPUT'
  | 'VALUE_OUT_OF_RANGE'
  | 'INVALID_AGGREGATION'
  | 'UNSUPPORTED_OPERATION'
  | 'UNSUPPORTED_OUTPUT_MODE'
  | 'UNSUPPORTED_JOIN'
  | 'NOT_STREAMING'
  | 'NOT_BATCH'
  | 'QUERY_ALREADY_ACTIVE'
  | 'QUERY_FAILED'
  | 'QUERY_STOPPED'
  | 'CHECKPOINT_MISMATCH'
  | 'CHECKPOINT_CORRUPT'
  | 'INVALID_STATE_TIMEOUT'
  | 'SOURCE_ERROR'
  | 'SINK_ERROR';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`[${code}] ${message}`, options);
  }
}

export function isEngineError(error: unknown, code?: EngineErrorCode): error is EngineError {
  return error instanceof EngineError && (code === undefined || error.code === code);
}
