// class-transformer treats `__proto__`, `constructor` and `prototype` specially, so the whitelist never
// sees them as fields; reject them outright, anywhere in a JSON body.
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from '../errors/api-error';

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
const MAX_DEPTH = 32;

function findForbiddenKey(value: unknown, depth = 0): string | undefined {
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return undefined;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.includes(key)) return key;
    const inner = findForbiddenKey((value as Record<string, unknown>)[key], depth + 1);
    if (inner) return inner;
  }
  return undefined;
}

export function rejectPrototypeKeys(req: Request, _res: Response, next: NextFunction): void {
  const key = findForbiddenKey(req.body);
  next(key ? new ApiError('VALIDATION_FAILED', `property ${key} should not exist`) : undefined);
}
