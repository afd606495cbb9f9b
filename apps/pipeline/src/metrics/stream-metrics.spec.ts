import { describe, expect, it } from 'vitest';
import { StreamMetrics } from './stream-metrics';

const lagLines = async (metrics: StreamMetrics) =>
  (await metrics.registry.metrics()).split('\n').filter((l) => l.startsWith('shelfstream_pipeline_consumer_lag_records{'));

describe('StreamMetrics consumer lag', () => {
  it('sets one series per partition and drops those of partitions handed away', async () => {
    const metrics = new StreamMetrics();
    metrics.recordLag('sales', new Map([[0, 5]]));
    metrics.recordLag(
      'sales',
      new Map([
        [1, 3],
        [2, 0],
      ]),
    );
    metrics.recordLag('sales', new Map([[0, 2]]));
    expect(await lagLines(metrics)).toEqual([
      'shelfstream_pipeline_consumer_lag_records{topic="sales",partition="0"} 2',
      'shelfstream_pipeline_consumer_lag_records{topic="sales",partition="1"} 3',
      'shelfstream_pipeline_consumer_lag_records{topic="sales",partition="2"} 0',
    ]);
    metrics.keepLagOf([1]);
    expect(await lagLines(metrics)).toEqual(['shelfstream_pipeline_consumer_lag_records{topic="sales",partition="1"} 3']);
    // a partition owned again reports again
    metrics.recordLag('sales', new Map([[0, 7]]));
    expect(await lagLines(metrics)).toHaveLength(2);
  });
});
