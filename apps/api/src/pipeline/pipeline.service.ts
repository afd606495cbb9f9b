import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BatchSummary } from './batch-summary';
import { consumedOffsets, summarizeBatch, summarizeQuery, type ProgressRow, type QuerySummary } from './progress-summary';
import { TopicEndOffsets } from './topic-end-offsets';

const ROW_COLUMNS = `query_name AS "queryName", batch_id::float8 AS "batchId", progress, committed_at AS "committedAt"`;

@Injectable()
export class PipelineService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(TopicEndOffsets) private readonly ends: TopicEndOffsets,
  ) {}

  /** Per query: its newest `limit` batches summarized (one more is read to derive the oldest one's rate). */
  async progress(limit: number, queryName?: string): Promise<QuerySummary[]> {
    const rows: ProgressRow[] = await this.ds.query(
      `SELECT ${ROW_COLUMNS}
       FROM (SELECT *, row_number() OVER (PARTITION BY query_name ORDER BY batch_id DESC) AS rn FROM pipeline_progress
             WHERE $2::text IS NULL OR query_name = $2) p
       WHERE rn <= $1 + 1 ORDER BY query_name, batch_id DESC`,
      [limit, queryName ?? null],
    );
    const byQuery = new Map<string, ProgressRow[]>();
    for (const r of rows) byQuery.set(r.queryName, [...(byQuery.get(r.queryName) ?? []), r]);
    const now = new Date();
    const out: QuerySummary[] = [];
    for (const list of byQuery.values()) {
      const ends = await this.ends.of(consumedOffsets(list[0].progress).keys());
      const batches = list.slice(0, limit).map((r, i) => summarizeBatch(r, list[i + 1], i === 0 ? ends : undefined));
      out.push(summarizeQuery(batches, now));
    }
    return out;
  }

  /** One batch, with its rate (from the batch before it) and current offset lag. */
  async batch(queryName: string, batchId: number): Promise<BatchSummary | null> {
    const rows: ProgressRow[] = await this.ds.query(
      `SELECT ${ROW_COLUMNS} FROM pipeline_progress WHERE query_name = $1 AND batch_id <= $2 ORDER BY batch_id DESC LIMIT 2`,
      [queryName, batchId],
    );
    const row = rows[0];
    if (!row || row.batchId !== batchId) return null;
    return summarizeBatch(row, rows[1], await this.ends.of(consumedOffsets(row.progress).keys()));
  }
}
