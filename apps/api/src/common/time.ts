import { impossibleCalendarField } from '@shelfstream/domain';
import { ApiError } from '../errors/api-error';

const FIELDS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;

/**
 * Parses an already ISO-validated time. Rejects what JavaScript would silently roll over
 * (2026-02-30 -> March 2, hour 24 -> next day) and years Postgres or JavaScript cannot hold.
 */
export function parseTime(text: string, field: string): Date {
  const d = new Date(text);
  const m = FIELDS.exec(text);
  const invalid = () => new ApiError('VALIDATION_FAILED', `${field} must be a real ISO-8601 time between years 1 and 9999`);
  if (Number.isNaN(d.getTime()) || !m) throw invalid();
  const [year = 0, month = 0, day = 0, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0));
  if (impossibleCalendarField({ year, month, day, hour, minute, second })) throw invalid();
  const utcYear = d.getUTCFullYear();
  if (utcYear < 1 || utcYear > 9999) throw invalid();
  return d;
}
