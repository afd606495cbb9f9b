import { describe, expect, it } from 'vitest';
import { parsePriceChangeMessage } from './price-change-message';

describe('parsePriceChangeMessage', () => {
  it('reads the contract fields', () => {
    const text = JSON.stringify({
      sku: 'A',
      oldPrice: 9.99,
      newPrice: 10.49,
      reason: 'surge',
      rule: 'surge',
      decidedAt: '2026-11-23T10:00:00.000Z',
      decisionId: 17,
    });
    expect(parsePriceChangeMessage(text)).toEqual({
      sku: 'A',
      oldPrice: 9.99,
      newPrice: 10.49,
      reason: 'surge',
      rule: 'surge',
      decidedAt: '2026-11-23T10:00:00.000Z',
      decisionId: 17,
    });
  });

  it('returns null for what is not a price change', () => {
    for (const text of ['not json', 'null', '42', '{"sku":"A"}', '{"newPrice":1}']) expect(parsePriceChangeMessage(text)).toBeNull();
  });
});
