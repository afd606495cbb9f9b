// Small transforms shared by the DTOs (query strings arrive as text).
import type { TransformFnParams } from 'class-transformer';

/** 'true'/'false' (and 1/0) -> boolean; anything else is left for @IsBoolean to reject. */
export const toBoolean = ({ value }: TransformFnParams): unknown => {
  if (value === 'true' || value === '1' || value === true) return true;
  if (value === 'false' || value === '0' || value === false) return false;
  return value;
};

/** Decimal integer text -> number; anything else is left for @IsInt to reject. */
export const toInteger = ({ value }: TransformFnParams): unknown => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value);

/** Decimal number text -> number; anything else is left for @IsNumber to reject. */
export const toDecimal = ({ value }: TransformFnParams): unknown =>
  typeof value === 'string' && /^-?\d{1,12}(\.\d{1,12})?$/.test(value) ? Number(value) : value;

/** SKUs: printable text without control characters or slashes. */
export const SKU_PATTERN = /^[^\s/\\\p{Cc}]{1,128}$/u;
