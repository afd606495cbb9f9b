import { describe, expect, it } from 'vitest';
import { HOUR_MS } from './money';
import { DEFAULT_PRICING_POLICY as P } from './pricing-policy';
import { SURGE, T0, pricingInputs } from './pricing-test-inputs';
import { detectSignal, stepPrice } from './signals';

describe('surge', () => {
  it('fires at k x baseline with low stock and proposes +5%', () => {
    const { proposal } = detectSignal(pricingInputs({ velocity: SURGE }), P);
    expect(proposal).toMatchObject({ rule: 'surge', target: 1049 });
  });
  it('fires on a stock-out ETA inside the restock lead time even above the threshold', () => {
    const inputs = pricingInputs({ velocity: { unitsLastHour: 10, onHand: 40, stockoutEta: T0 + 4 * HOUR_MS } });
    expect(detectSignal(inputs, P).proposal?.rule).toBe('surge');
  });
  it('does not fire below k x baseline, or with plenty of stock', () => {
    expect(detectSignal(pricingInputs({ velocity: { ...SURGE, unitsLastHour: 5 } }), P).proposal).toBeNull();
    expect(detectSignal(pricingInputs({ velocity: { unitsLastHour: 10, onHand: 500, stockoutEta: T0 + 72 * HOUR_MS } }), P).proposal).toBeNull();
  });
  it('honours a configured multiple', () => {
    expect(detectSignal(pricingInputs({ velocity: SURGE }), { ...P, surgeVelocityMultiple: 6 }).proposal).toBeNull();
  });
  it('ends a promotion at no less than the regular price', () => {
    const promotion = { regularPrice: 1099, startedAt: T0 - HOUR_MS, expiresAt: T0 + HOUR_MS };
    expect(detectSignal(pricingInputs({ velocity: SURGE, state: { promotion } }), P).proposal).toMatchObject({ rule: 'surge', target: 1099 });
  });
});

describe('slow mover', () => {
  const slow = { unitsLast24h: 5, unitsLastHour: 0, onHand: 1000 };
  it('starts a streak, then proposes a discount once it lasted long enough', () => {
    const first = detectSignal(pricingInputs({ velocity: slow }), P);
    expect(first).toEqual({ proposal: null, slowSince: T0, normalSince: null });
    const later = detectSignal(pricingInputs({ velocity: slow, state: { slowSince: T0 - 72 * HOUR_MS } }), P);
    expect(later.proposal).toMatchObject({ rule: 'slow-mover', target: 899 });
  });
  it('breaks the streak when demand recovers or stock is not high', () => {
    expect(detectSignal(pricingInputs({ velocity: { ...slow, unitsLast24h: 30 }, state: { slowSince: T0 - 99 * HOUR_MS } }), P).slowSince).toBeNull();
    expect(detectSignal(pricingInputs({ velocity: { ...slow, onHand: 100 }, state: { slowSince: T0 - 99 * HOUR_MS } }), P).slowSince).toBeNull();
  });
  it('does not stack a promotion on a promotion', () => {
    const promotion = { regularPrice: 1099, startedAt: T0 - HOUR_MS, expiresAt: T0 + HOUR_MS };
    expect(detectSignal(pricingInputs({ velocity: slow, state: { slowSince: T0 - 99 * HOUR_MS, promotion } }), P)).toEqual({
      proposal: null,
      slowSince: null,
      normalSince: null,
    });
  });
});

describe('promotion expiry', () => {
  it('proposes the regular price once expired, before any other signal', () => {
    const promotion = { regularPrice: 1099, startedAt: T0 - 48 * HOUR_MS, expiresAt: T0 };
    expect(detectSignal(pricingInputs({ velocity: SURGE, state: { promotion } }), P).proposal).toMatchObject({ rule: 'promo-expiry', target: 1099 });
  });
});

describe('price steps', () => {
  it('move by at least one penny, in the step direction', () => {
    expect(stepPrice(8, 0.05)).toBe(9); // 8.4 would round back to 8
    expect(stepPrice(999, 0.05)).toBe(1049);
    expect(stepPrice(5, -0.1)).toBe(4); // 4.5 would round back to 5
    expect(stepPrice(1, -0.1)).toBe(0);
    expect(stepPrice(0, -0.1)).toBe(0);
  });
});
