// Prometheus metrics of the stream command, fed from the queries' progress events.
import type { StreamingQueryProgress } from '@shelfstream/engine';
import { parseFactsOf } from '@shelfstream/kafka-connector';
import { createMetricsRegistry } from '@shelfstream/platform';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { RetailStream } from '../retail/retail-stream';

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

  readonly consumerLag = new Gauge({
    name: 'shelfstream_pipeline_consumer_lag_records',
    help: "Records not processed yet per owned partition: the newest offset seen when the last batch was planned minus the live inventory query's committed offset",
    labelNames: ['topic', 'partition'] as const,
    registers: [this.registry],
  });

  /** Topic of each partition with a lag series. */
  private readonly lagSeries = new Map<number, string>();

  /** Records the progress of a stream's query (call for each stream as it starts or restarts). */
  observe(stream: RetailStream): void {
    const kafka = stream.source.inner;
    stream.query.on('progress', (p: StreamingQueryProgress) => {
      this.recordProgress(p);
      const source = p.sources.find((s) => s.name === kafka.name);
      const facts = parseFactsOf(source?.facts);
      if (facts) this.recordDeadLetters(facts.deadLettersByCode);
      if (source?.endOffset !== undefined) this.recordLag(kafka.topic, kafka.offsetsBehindLatest(source.endOffset));
    });
  }

  /** One progress event of a query (name without the partition prefix). */
  recordProgress(p: StreamingQueryProgress): void {
    const query = p.name.replace(/^.*\//, '');
    this.inputRows.inc({ query }, p.numInputRows);
    const dropped = p.stateOperators.reduce((sum, op) => sum + op.numRowsDroppedByWatermark, 0);
    if (dropped > 0) this.droppedByWatermark.inc({ query }, dropped);
    if (!p.isNoDataBatch) this.batchDuration.observe({ query }, (p.durationMs['triggerExecution'] ?? 0) / 1000);
  }

  /** Lag per partition after a batch (`KafkaSource.offsetsBehindLatest` of its end offset). */
  recordLag(topic: string, behind: ReadonlyMap<number, number>): void {
    for (const [partition, records] of behind) {
      this.consumerLag.set({ topic, partition: String(partition) }, records);
      this.lagSeries.set(partition, topic);
    }
  }

  /** Group mode: drops the lag series of partitions handed to another process. */
  keepLagOf(owned: readonly number[]): void {
    for (const [partition, topic] of this.lagSeries) {
      if (owned.includes(partition)) continue;
      this.consumerLag.remove({ topic, partition: String(partition) });
      this.lagSeries.delete(partition);
    }
  }

  recordDeadLetters(byCode: Readonly<Record<string, number>>): void {
    for (const [code, n] of Object.entries(byCode)) this.deadLetters.inc({ code }, n);
  }
}
