// The README config tables are generated from the schemas: a stale one fails here (run `npm run docs:config`).
import { describe, expect, it } from 'vitest';
import { readmeStates } from '../src/app-readmes';

describe('app README config tables', () => {
  it('match the config schemas', async () => {
    for (const { readme, current, expected } of await readmeStates()) expect(current, `${readme} is stale: run npm run docs:config`).toBe(expected);
  });
});
