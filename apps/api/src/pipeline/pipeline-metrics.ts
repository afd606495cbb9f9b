// Pipeline series on /metrics, read from pipeline_progress at scrape time: rows each query dropped as
// later than its watermark (summed over its recorded batches), so late drops are never silent.
import { Inject, Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { MetricsService } from '../metrics/metrics.service';

@Injectable()
export class PipelineMetrics {
  constructor(@Inject(DataSource) ds: DataSource, @Inject(MetricsService) metrics: MetricsService) {
    new Gauge({
      name: 'shelfstream_pipeline_rows_dropped_by_watermark',
      help: 'Input rows a streaming query dropped as later than its watermark, summed over its recorded batches',
      labelNames: ['query'] as const,
      registers: [metrics.registry],
      async collect() {
        this.reset();
        const rows: { query: string; dropped: number }[] = await ds.query(
          'SELECT query_name AS query, sum(rows_dropped_by_watermark)::float8 AS dropped FROM pipeline_progress GROUP BY 1',
        );
        for (const r of rows) this.set({ query: r.query }, r.dropped);
      },
    });
  }
}
