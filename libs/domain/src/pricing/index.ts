export * from './money';
export * from './pricing-policy';
export * from './pricing-inputs';
export * from './price-points';
export * from './price-history';
export * from './signals';
export * from './guardrails';
export * from './evaluate-pricing';
