// The value of a `price-changes` Kafka record (docs/contracts.md): written by the pricing bot,
// read by the API for its live feed.

export interface PriceChangeMessage {
  readonly sku: string;
  readonly oldPrice: number;
  readonly newPrice: number;
  readonly reason: string;
  readonly rule: string;
  /** ISO-8601 time of the decision. */
  readonly decidedAt: string;
  /** `price_decisions.id`; consumers dedupe by it (delivery is at least once). */
  readonly decisionId: number;
}

const textField = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Parses a record value; null when it is not a price change (a consumer skips it). */
export function parsePriceChangeMessage(text: string): PriceChangeMessage | null {
  let o: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) return null;
    o = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof o['sku'] !== 'string' || typeof o['newPrice'] !== 'number') return null;
  return {
    sku: o['sku'],
    oldPrice: typeof o['oldPrice'] === 'number' ? o['oldPrice'] : Number.NaN,
    newPrice: o['newPrice'],
    reason: textField(o['reason']),
    rule: textField(o['rule']),
    decidedAt: textField(o['decidedAt']),
    decisionId: Number(o['decisionId']),
  };
}
