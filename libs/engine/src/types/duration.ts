// Interval strings ('10 seconds', '1 hour 30 minutes', '200 ms') to milliseconds. Fixed lengths only:
// windows reject months/years (as Spark does); watermarks count a month as 31 days (SPARK-35815).
import { EngineError } from '../errors/engine-error';

const UNIT_MS: Record<string, number> = {
  microsecond: 0.001,
  millisecond: 1,
  ms: 1,
  second: 1_000,
  sec: 1_000,
  s: 1_000,
  minute: 60_000,
  min: 60_000,
  m: 60_000,
  hour: 3_600_000,
  h: 3_600_000,
  day: 86_400_000,
  d: 86_400_000,
  week: 7 * 86_400_000,
};
const MONTH_UNITS = new Set(['month', 'year']);
const MONTH_MS = 31 * 86_400_000;

export type Duration = string | number;

export function parseDuration(input: Duration, options: { allowMonths?: boolean; what?: string } = {}): number {
  const what = options.what ?? 'duration';
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new EngineError('INVALID_DURATION', `${what} must be finite, got ${input}`);
    return input;
  }
  const text = input
    .trim()
    .toLowerCase()
    .replace(/^interval\s+/, '');
  const parts = text.match(/(-?\d+(?:\.\d+)?)\s*([a-z]+)/g);
  if (!parts || parts.join('').replace(/\s/g, '') !== text.replace(/\s/g, '')) {
    throw new EngineError('INVALID_DURATION', `cannot parse ${what} '${input}' (expected e.g. '10 seconds', '1 hour')`);
  }
  let total = 0;
  for (const part of parts) {
    const [, amount, rawUnit] = /(-?\d+(?:\.\d+)?)\s*([a-z]+)/.exec(part) as RegExpExecArray;
    const unit = rawUnit.length > 3 && rawUnit.endsWith('s') ? rawUnit.slice(0, -1) : rawUnit;
    if (MONTH_UNITS.has(unit)) {
      if (!options.allowMonths) {
        throw new EngineError('INVALID_DURATION', `${what} '${input}' uses months/years, which have no fixed length`);
      }
      total += Number(amount) * MONTH_MS * (unit === 'year' ? 12 : 1);
      continue;
    }
    const ms = UNIT_MS[unit];
    if (ms === undefined) throw new EngineError('INVALID_DURATION', `unknown unit '${rawUnit}' in ${what} '${input}'`);
    total += Number(amount) * ms;
  }
  return total;
}
