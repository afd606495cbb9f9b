// Commit notifications (see docs/contracts.md): the pipeline sends these with pg NOTIFY inside the
// transaction that commits a batch, so listeners hear only about committed batches.

export const INVENTORY_UPDATED_CHANNEL = 'inventory_updated';
export const PIPELINE_PROGRESS_CHANNEL = 'pipeline_progress';

/** Payloads above this size carry `skus: null`; listeners then read `live_inventory where batch_id = batchId`. */
export const NOTIFY_PAYLOAD_LIMIT_BYTES = 7000;

export interface InventoryUpdatedPayload {
  batchId: number;
  queryName: string;
  /** SKUs whose live_inventory row changed in the batch, or null when the list was too long to send. */
  skus: string[] | null;
}

export interface PipelineProgressPayload {
  queryName: string;
  batchId: number;
}

/** Builds the `inventory_updated` payload text, falling back to `skus: null` above the size limit. */
export function encodeInventoryUpdated(batchId: number, queryName: string, skus: readonly string[]): string {
  const list = [...skus];
  const full = JSON.stringify({ batchId, queryName, skus: list } satisfies InventoryUpdatedPayload);
  if (Buffer.byteLength(full, 'utf8') <= NOTIFY_PAYLOAD_LIMIT_BYTES) return full;
  return JSON.stringify({ batchId, queryName, skus: null } satisfies InventoryUpdatedPayload);
}

export function encodePipelineProgress(queryName: string, batchId: number): string {
  return JSON.stringify({ queryName, batchId } satisfies PipelineProgressPayload);
}

export class NotificationPayloadError extends Error {
  readonly code = 'NOTIFICATION_PAYLOAD_INVALID';
}

function parseObject(channel: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new NotificationPayloadError(`${channel}: payload is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NotificationPayloadError(`${channel}: payload is not an object`);
  }
  return value as Record<string, unknown>;
}

function requireBatch(channel: string, o: Record<string, unknown>): { batchId: number; queryName: string } {
  if (!Number.isSafeInteger(o['batchId'])) throw new NotificationPayloadError(`${channel}: batchId must be an integer`);
  if (typeof o['queryName'] !== 'string') throw new NotificationPayloadError(`${channel}: queryName must be a string`);
  return { batchId: o['batchId'] as number, queryName: o['queryName'] };
}

export function decodeInventoryUpdated(text: string): InventoryUpdatedPayload {
  const o = parseObject(INVENTORY_UPDATED_CHANNEL, text);
  const head = requireBatch(INVENTORY_UPDATED_CHANNEL, o);
  const skus = o['skus'];
  if (skus !== null && !(Array.isArray(skus) && skus.every((s) => typeof s === 'string'))) {
    throw new NotificationPayloadError(`${INVENTORY_UPDATED_CHANNEL}: skus must be a string array or null`);
  }
  return { ...head, skus: skus };
}

export function decodePipelineProgress(text: string): PipelineProgressPayload {
  return requireBatch(PIPELINE_PROGRESS_CHANNEL, parseObject(PIPELINE_PROGRESS_CHANNEL, text));
}
