// Socket.io event names and payloads of the live feed.
import type { InventoryRow } from '../inventory/inventory-columns';
import type { BatchSummary } from '../pipeline/progress-summary';

export const LIVE_EVENTS = {
  inventoryUpdated: 'inventory.updated',
  priceChanged: 'price.changed',
  stockLow: 'stock.low',
  pipelineProgress: 'pipeline.progress',
} as const;

/** `price-changes` topic value (contracts). */
export interface PriceChangeMessage {
  sku: string;
  oldPrice: number;
  newPrice: number;
  reason: string;
  rule: string;
  decidedAt: string;
  decisionId: string;
}

export interface InventoryUpdatedEvent {
  rows: InventoryRow[];
}
export interface StockLowEvent {
  rows: InventoryRow[];
}
export interface PriceChangedEvent {
  changes: (PriceChangeMessage & { category?: string })[];
}
export type PipelineProgressEvent = BatchSummary;

export function parsePriceChange(value: Buffer | null): PriceChangeMessage | null {
  if (!value) return null;
  try {
    const o = JSON.parse(value.toString('utf8')) as Record<string, unknown>;
    if (typeof o['sku'] !== 'string' || typeof o['newPrice'] !== 'number') return null;
    return {
      sku: o['sku'],
      oldPrice: typeof o['oldPrice'] === 'number' ? o['oldPrice'] : Number.NaN,
      newPrice: o['newPrice'],
      reason: String(o['reason'] ?? ''),
      rule: String(o['rule'] ?? ''),
      decidedAt: String(o['decidedAt'] ?? ''),
      decisionId: String(o['decisionId'] ?? ''),
    };
  } catch {
    return null;
  }
}
