// Checks the shape of a parsed JSON body before anything recursive (class-transformer, class-validator)
// sees it: nesting deeper than MAX_BODY_DEPTH is refused (1,500 nested arrays in 3 kB overflowed the
// stack), and so are `__proto__`, `constructor` and `prototype` keys anywhere, which class-transformer
// treats specially so the whitelist never sees them. The walk is iterative: no input can overflow it.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from '../errors/api-error';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** The first problem with `body`, or undefined. Depth counts containers: `[]` is 1, `[[]]` is 2. */
export function jsonBodyProblem(body: unknown, maxDepth: number): string | undefined {
  const stack: [unknown, number][] = [[body, 1]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [value, depth] = item;
    if (typeof value !== 'object' || value === null) continue;
    if (depth > maxDepth) return `the body nests deeper than ${maxDepth} levels`;
    for (const key of Object.keys(value)) {
      if (FORBIDDEN.has(key)) return `property ${key} should not exist`;
      stack.push([(value as Record<string, unknown>)[key], depth + 1]);
    }
  }
  return undefined;
}

export function jsonBodyCheck(maxDepth: number): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const problem = jsonBodyProblem(req.body, maxDepth);
    next(problem ? new ApiError('VALIDATION_FAILED', problem) : undefined);
  };
}
