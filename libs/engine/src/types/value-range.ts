// The ranges of the integral types. Numbers are float64 inside the engine; Arrow writes an `int` as
// Int32 and a `long` as Int64, exact from a float64 up to ±(2^53 − 1). A value outside its type's
// range is an error (VALUE_OUT_OF_RANGE), never wrapped or rounded.
import { EngineError } from '../errors/engine-error';
import type { DataType } from './data-type';

export const INT_MIN = -(2 ** 31);
export const INT_MAX = 2 ** 31 - 1;
/** Largest long magnitude the engine holds exactly (float64). */
export const LONG_MAX = Number.MAX_SAFE_INTEGER;

const RANGES: Partial<Record<string, readonly [number, number]>> = { int: [INT_MIN, INT_MAX], long: [-LONG_MAX, LONG_MAX] };

export function outOfRange(value: number | bigint, type: 'int' | 'long', what: string): EngineError {
  const [lo, hi] = RANGES[type]!;
  const hint = type === 'int' ? 'use a long (or cast to long first)' : 'longs are exact only up to ±(2^53 − 1) here: use a double';
  return new EngineError('VALUE_OUT_OF_RANGE', `${what}: ${String(value)} does not fit in ${type} (${lo} to ${hi}); ${hint}`);
}

/** Whether a number fits `type` (always true for non-integral types). */
export function fitsType(value: number, type: DataType): boolean {
  const range = typeof type === 'string' ? RANGES[type] : undefined;
  return range === undefined || (value >= range[0] && value <= range[1]);
}

/** Throws VALUE_OUT_OF_RANGE for the first non-null value outside the range of `type` (int, long). */
export function checkRange(values: ArrayLike<number>, valid: Uint8Array | null, length: number, type: DataType, what: string): void {
  const range = typeof type === 'string' ? RANGES[type] : undefined;
  if (range === undefined) return;
  const [lo, hi] = range;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi) && (valid === null || valid[i] === 1)) throw outOfRange(v, type as 'int' | 'long', what);
  }
}
