// Socket.io event names and payloads of the live feed.
import { parsePriceChangeMessage, type PriceChangeMessage } from '@shelfstream/domain';
import type { ServedInventoryRow } from '../inventory/inventory-columns';
import type { BatchSummary } from '../pipeline/batch-summary';

export const LIVE_EVENTS = {
  inventoryUpdated: 'inventory.updated',
  priceChanged: 'price.changed',
  stockLow: 'stock.low',
  pipelineProgress: 'pipeline.progress',
  /** The live window moved (LiveWindow): clients re-mark rows live or history. */
  liveWindow: 'live.window',
} as const;

export interface InventoryUpdatedEvent {
  rows: ServedInventoryRow[];
}
export interface StockLowEvent {
  rows: ServedInventoryRow[];
}
export interface PriceChangedEvent {
  changes: (PriceChangeMessage & { category?: string })[];
}
export type PipelineProgressEvent = BatchSummary;
export type { PriceChangeMessage };

/** A `price-changes` record value, or null when it is not one. */
export function parsePriceChange(value: Buffer | null): PriceChangeMessage | null {
  return value ? parsePriceChangeMessage(value.toString('utf8')) : null;
}
