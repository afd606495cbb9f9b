// What "live" means in the API and the dashboard. The live clock is the newest watermark a streaming
// query reports in pipeline_progress (event time: the newest event seen minus the watermark delay);
// `backfill:*` queries do not move it. A SKU is live when its last event is at or after
// clock - LIVE_WINDOW_MINUTES; every other row is history (backfilled, or a SKU that stopped selling).
// Until a stream has reported a watermark nothing is live, so a backfill alone never looks live.
// The clock is read once from Postgres, then advanced by the pipeline.progress notifications.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiConfig } from '../config/api-config';
import { progressWatermark } from '../pipeline/progress-summary';

export interface LiveWindow {
  /** Newest watermark of the streaming queries (ISO), or null before any stream reported one. */
  watermark: string | null;
  /** Rows with lastEventAt at or after this are live; null: none is. */
  since: string | null;
  windowMinutes: number;
}

/** Batch queries write progress rows too; only streams define live time. */
export const BACKFILL_QUERY_PREFIX = 'backfill:';

@Injectable()
export class LiveWindowService {
  private watermarkMs: number | null = null;
  private loaded?: Promise<void>;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(ApiConfig) private readonly config: ApiConfig,
  ) {}

  async current(): Promise<LiveWindow> {
    this.loaded ??= this.reload().catch((error: unknown) => {
      this.loaded = undefined;
      throw error;
    });
    await this.loaded;
    return this.window();
  }

  /** Re-reads the newest watermark of every streaming query (at start and after a LISTEN reconnect). */
  async reload(): Promise<void> {
    const rows: { progress: unknown }[] = await this.ds.query(
      `SELECT DISTINCT ON (query_name) progress FROM pipeline_progress
       WHERE query_name NOT LIKE $1 || '%' ORDER BY query_name, batch_id DESC`,
      [BACKFILL_QUERY_PREFIX],
    );
    for (const r of rows) this.advance(progressWatermark(r.progress));
  }

  /** A committed batch's watermark; true when it moved the clock forward. */
  observe(queryName: string, watermark: string | null): boolean {
    return !queryName.startsWith(BACKFILL_QUERY_PREFIX) && this.advance(watermark);
  }

  /** The window as it stands (without waiting for the first read). */
  window(): LiveWindow {
    const since = this.sinceMs();
    return {
      watermark: this.watermarkMs === null ? null : new Date(this.watermarkMs).toISOString(),
      since: since === null ? null : new Date(since).toISOString(),
      windowMinutes: this.config.LIVE_WINDOW_MINUTES,
    };
  }

  isLive(lastEventAt: Date): boolean {
    const since = this.sinceMs();
    return since !== null && lastEventAt.getTime() >= since;
  }

  sinceMs(): number | null {
    return this.watermarkMs === null ? null : this.watermarkMs - this.config.LIVE_WINDOW_MINUTES * 60_000;
  }

  private advance(watermark: string | null): boolean {
    const ms = watermark === null ? NaN : Date.parse(watermark);
    if (!Number.isFinite(ms) || (this.watermarkMs !== null && ms <= this.watermarkMs)) return false;
    this.watermarkMs = ms;
    return true;
  }
}
