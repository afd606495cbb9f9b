import type { ErrorCode } from './error-codes';

/** An error the API answers with: a code (mapped to a status in error-codes.ts) and a message. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
