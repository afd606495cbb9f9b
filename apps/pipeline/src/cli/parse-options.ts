// Option parsers for commander that fail with a clear message.
import { InvalidArgumentError } from 'commander';

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`expected a positive number, got "${value}"`);
  return n;
}

export function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

export function share(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`expected a share between 0 and 1, got "${value}"`);
  return n;
}

/** "100ms", "1s", "2 seconds", "500" (ms) -> milliseconds. */
export function durationMs(value: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?)?\s*$/.exec(value);
  if (!match) throw new InvalidArgumentError(`expected a duration like 100ms, 1s or 2m, got "${value}"`);
  const n = Number(match[1]);
  const unit = match[2] ?? 'ms';
  if (unit.startsWith('m') && unit !== 'ms' && !unit.startsWith('milli')) return n * 60_000;
  if (unit.startsWith('s')) return n * 1000;
  return n;
}

/** An ISO-8601 time with a zone -> epoch milliseconds. */
export function isoTime(value: string): number {
  const ms = Date.parse(value);
  if (!/(Z|[+-]\d\d:?\d\d)$/.test(value.trim()) || Number.isNaN(ms)) throw new InvalidArgumentError(`expected an ISO-8601 time with a zone, got "${value}"`);
  return ms;
}
