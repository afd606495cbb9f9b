import { describe, expect, it } from 'vitest';
import { parseFactsOf } from './parsed-source';

describe('parseFactsOf', () => {
  it("reads a parse step's batch facts from progress, and nothing from another source's", () => {
    const facts = { records: 3, deadLetters: 1, deadLettersByCode: { BAD_JSON: 1 } };
    expect(parseFactsOf(facts)).toEqual(facts);
    expect(parseFactsOf({ files: 2 })).toBeUndefined();
    expect(parseFactsOf(undefined)).toBeUndefined();
  });
});
