// Turns any thrown value into the JSON error body and status; used by the exception filter and by the
// Express error middleware (body parsing, URL decoding) so both answer the same way.
import { HttpException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { QueryFailedError } from 'typeorm';
import { ApiError } from './api-error';
import { ERROR_STATUS, codeForStatus, type ErrorCode } from './error-codes';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/**
 * Postgres SQLSTATEs that mean the request carried a bad value, not that the server failed, with the
 * message the client gets: the database's own text names tables, columns and values, so it is never sent.
 */
const PG_CLIENT_ERRORS: Record<string, [ErrorCode, string]> = {
  '22P02': ['VALIDATION_FAILED', 'A value has the wrong format'], // invalid text representation
  '22003': ['VALIDATION_FAILED', 'A number is out of range'], // numeric value out of range
  '22007': ['VALIDATION_FAILED', 'A time has the wrong format'], // invalid datetime format
  '22008': ['VALIDATION_FAILED', 'A time is out of range'], // datetime field overflow
  '22001': ['VALIDATION_FAILED', 'A text value is too long'], // string too long
  '22021': ['VALIDATION_FAILED', 'A text value holds a character that cannot be stored (such as NUL)'], // invalid byte sequence
  '23505': ['CONFLICT', 'This record already exists'], // unique violation
  '23514': ['CONSTRAINT_VIOLATION', 'A value breaks a rule of the data'], // check violation
  '23502': ['CONSTRAINT_VIOLATION', 'A required value is missing'], // not-null violation
};

function fromHttpException(error: HttpException): ErrorBody {
  const status = error.getStatus();
  const response = error.getResponse();
  const message =
    typeof response === 'string'
      ? response
      : typeof (response as { message?: unknown }).message === 'string'
        ? (response as { message: string }).message
        : error.message;
  return { code: error instanceof ThrottlerException ? 'RATE_LIMITED' : codeForStatus(status), message };
}

export function toErrorResponse(error: unknown): { status: number; body: ErrorBody } {
  let body: ErrorBody;
  const pgClient = error instanceof QueryFailedError ? pgClientError(error) : undefined;
  if (error instanceof ApiError) {
    body = { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) };
  } else if (error instanceof HttpException) {
    body = fromHttpException(error);
  } else if (pgClient) {
    body = { code: pgClient[0], message: pgClient[1] };
  } else if (isClientHttpError(error)) {
    // Express/body-parser errors carry a 4xx status (bad JSON, too large, bad encoding, bad URI).
    body = { code: codeForStatus(error.status), message: error.expose === false ? 'Bad request' : error.message };
  } else {
    body = { code: 'INTERNAL', message: 'Internal server error' };
  }
  return { status: ERROR_STATUS[body.code], body };
}

function pgClientError(error: QueryFailedError): [ErrorCode, string] | undefined {
  return PG_CLIENT_ERRORS[(error.driverError as { code?: string }).code ?? ''];
}

function isClientHttpError(error: unknown): error is { status: number; message: string; expose?: boolean } {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
