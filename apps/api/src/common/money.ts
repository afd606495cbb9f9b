import { ValidateBy, type ValidationOptions } from 'class-validator';

export const MAX_MONEY = 9_999_999_999.99; // numeric(12,2)

/** A finite amount in [0, MAX_MONEY] with at most 2 decimals. (class-validator's maxDecimalPlaces
 * crashes on values printed in exponent form, such as 3e-323.) */
export function isMoney(value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_MONEY) return false;
  return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
}

export function IsMoney(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMoney',
      validator: { validate: isMoney, defaultMessage: (a) => `${a?.property} must be an amount from 0 to ${MAX_MONEY} with at most 2 decimals` },
    },
    options,
  );
}
