import { describe, expect, it } from 'vitest';
import {
  NOTIFY_PAYLOAD_LIMIT_BYTES,
  NotificationPayloadError,
  decodeInventoryUpdated,
  decodePipelineProgress,
  encodeInventoryUpdated,
  encodePipelineProgress,
} from './channels';

describe('commit notification payloads', () => {
  it('round-trips an inventory_updated payload with its SKUs', () => {
    const text = encodeInventoryUpdated(7, 'inventory', ['SKU-1', 'SKU-2']);
    expect(decodeInventoryUpdated(text)).toEqual({ batchId: 7, queryName: 'inventory', skus: ['SKU-1', 'SKU-2'] });
  });

  it('drops the SKU list when the payload would pass the size limit', () => {
    const skus = Array.from({ length: 1000 }, (_, i) => `SKU-${String(i).padStart(6, '0')}`);
    const text = encodeInventoryUpdated(8, 'inventory', skus);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_LIMIT_BYTES);
    expect(decodeInventoryUpdated(text)).toEqual({ batchId: 8, queryName: 'inventory', skus: null });
  });

  it('round-trips a pipeline_progress payload', () => {
    expect(decodePipelineProgress(encodePipelineProgress('inventory', 3))).toEqual({ queryName: 'inventory', batchId: 3 });
  });

  it.each(['not json', '[]', '{"batchId":"1","queryName":"q","skus":[]}', '{"batchId":1,"queryName":"q","skus":[1]}'])(
    'rejects a malformed payload %s',
    (text) => {
      expect(() => decodeInventoryUpdated(text)).toThrow(NotificationPayloadError);
    },
  );
});
