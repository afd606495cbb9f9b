// The codes the API answers with and their HTTP statuses, from the platform's error-code registry.
import { ERROR_CODES, type HttpErrorCode } from '@shelfstream/platform';

export type ErrorCode = HttpErrorCode;

export const ERROR_STATUS = Object.fromEntries(Object.entries(ERROR_CODES).flatMap(([code, info]) => ('http' in info ? [[code, info.http]] : []))) as Record<
  ErrorCode,
  number
>;

/** Status -> code for errors raised by frameworks (Nest, Express, the throttler) without a code. */
export function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(([, s]) => s === status);
  if (match) return match[0];
  return status >= 500 ? 'INTERNAL' : 'MALFORMED_REQUEST';
}
