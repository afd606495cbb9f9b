// Column transformers: pg returns numeric and bigint as strings; entities expose numbers.
import type { ValueTransformer } from 'typeorm';

function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : Number(value);
}

/** numeric(p,s) <-> number. Prices are 2-decimal values well inside double precision. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: toNumber,
};

/** bigint <-> number. Counters and batch ids stay far below 2^53. */
export const bigintTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: toNumber,
};
