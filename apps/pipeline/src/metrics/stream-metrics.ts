// Prometheus metrics of the stream command, fed from the queries' progress events.
import type { StreamingQueryProgress } from '@shelfstream/engine';
import { createMetricsRegistry } from '@shelfstream/platform';
import { Counter, Histogram } from 'prom-client';

export class StreamMetrics {
  readonly registry = createMetricsRegistry('shelfstream_pipeline_');

  readonly batchDuration = new Histogram({
    name: 'shelfstream_pipeline_batch_duration_seconds',
    help: 'Micro-batch duration (trigger execution) by query',
    labelNames: ['query'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly inputRows = new Counter({
    name: 'shelfstream_pipeline_input_rows_total',
    help: 'Rows read by query',
    labelNames: ['query'] as const,
    registers: [this.registry],
  });

  readonly deadLetters = new Counter({
    name: 'shelfstream_pipeline_dead_letters_total',
    help: 'Records sent to dead letters, by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });

  readonly droppedByWatermark = new Counter({
    name: 'shelfstream_pipeline_rows_dropped_by_watermark_total',
    help: 'Late rows dropped by the watermark, by query',
    labelNames: ['query'] as const,
    registers: [this.registry],
  });

  /** One progress event of a query (name without the partition prefix). */
  recordProgress(p: StreamingQueryProgress): void {
    const query = p.name.replace(/^.*\//, '');
    this.inputRows.inc({ query }, p.numInputRows);
    const dropped = p.stateOperators.reduce((sum, op) => sum + op.numRowsDroppedByWatermark, 0);
    if (dropped > 0) this.droppedByWatermark.inc({ query }, dropped);
    if (!p.isNoDataBatch) this.batchDuration.observe({ query }, (p.durationMs['triggerExecution'] ?? 0) / 1000);
  }

  recordDeadLetters(byCode: Readonly<Record<string, number>>): void {
    for (const [code, n] of Object.entries(byCode)) this.deadLetters.inc({ code }, n);
  }
}
