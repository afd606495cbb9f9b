import { ApiError } from '../errors/api-error';

/** Parses an already ISO-validated time; rejects dates JavaScript or Postgres cannot represent. */
export function parseTime(text: string, field: string): Date {
  const d = new Date(text);
  const year = d.getUTCFullYear();
  if (Number.isNaN(d.getTime()) || year < 1 || year > 9999) {
    throw new ApiError('VALIDATION_FAILED', `${field} must be an ISO-8601 time between years 1 and 9999`);
  }
  return d;
}
