import { describe, expect, it } from 'vitest';
import { jsonBodyProblem } from './json-body-check.middleware';

const nested = (depth: number): unknown => JSON.parse('['.repeat(depth) + ']'.repeat(depth));

describe('jsonBodyProblem', () => {
  it('counts containers as depth and allows exactly the limit', () => {
    expect(jsonBodyProblem(nested(16), 16)).toBeUndefined();
    expect(jsonBodyProblem(nested(17), 16)).toMatch(/deeper than 16/);
    expect(jsonBodyProblem({ a: { b: [1, { c: 'x' }] } }, 4)).toBeUndefined();
    expect(jsonBodyProblem({ a: { b: [1, { c: {} }] } }, 4)).toMatch(/deeper than 4/);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    expect(jsonBodyProblem(nested(100_000), 16)).toMatch(/deeper/);
  });

  it('finds prototype keys at any depth', () => {
    expect(jsonBodyProblem(JSON.parse('{"a":[{"__proto__":{}}]}'), 16)).toBe('property __proto__ should not exist');
    expect(jsonBodyProblem({ x: { constructor: 1 } }, 16)).toBe('property constructor should not exist');
    expect(jsonBodyProblem('text', 16)).toBeUndefined();
  });
});
