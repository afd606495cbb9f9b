import { Inject, Injectable } from '@nestjs/common';
import { PipelineProgressEntity } from '@shelfstream/db';
import { DataSource } from 'typeorm';
import { summarizeBatch, summarizeQuery, type BatchSummary, type QuerySummary } from './progress-summary';

@Injectable()
export class PipelineService {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  /** Per query: its newest `limit` batches summarized. */
  async progress(limit: number, queryName?: string): Promise<QuerySummary[]> {
    const rows: PipelineProgressEntity[] = await this.ds.query(
      `SELECT query_name AS "queryName", batch_id::float8 AS "batchId", progress, committed_at AS "committedAt"
       FROM (SELECT *, row_number() OVER (PARTITION BY query_name ORDER BY batch_id DESC) AS rn FROM pipeline_progress
             WHERE $2::text IS NULL OR query_name = $2) p
       WHERE rn <= $1 ORDER BY query_name, batch_id DESC`,
      [limit, queryName ?? null],
    );
    const byQuery = new Map<string, BatchSummary[]>();
    for (const r of rows) {
      const list = byQuery.get(r.queryName) ?? [];
      list.push(summarizeBatch(r));
      byQuery.set(r.queryName, list);
    }
    const now = new Date();
    return [...byQuery.values()].map((b) => summarizeQuery(b, now));
  }

  async batch(queryName: string, batchId: number): Promise<BatchSummary | null> {
    const row = await this.ds.getRepository(PipelineProgressEntity).findOneBy({ queryName, batchId });
    return row ? summarizeBatch(row) : null;
  }
}
