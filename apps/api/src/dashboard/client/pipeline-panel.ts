// Pipeline panel: events/s, batch duration, offset lag, watermark, late rows dropped and a throughput sparkline.
import uPlot from 'uplot';
import { byId, el, fmtInt, fmtTime, getJson } from './format';
import type { BatchSummary } from './types';

const KEEP = 60;
const isBackfill = (queryName: string): boolean => queryName.startsWith('backfill:');

export class PipelinePanel {
  private batches: BatchSummary[] = [];
  /** The inventory query keeps running totals and has no watermark; the 1 h velocity query's is shown. */
  private watermarkQuery: string | undefined;
  private watermark: string | null = null;
  /** Rows the watermark query dropped as late, per batch id (its recent batches). */
  private dropped = new Map<number, number>();
  private spark: uPlot | undefined;

  async load(): Promise<void> {
    // Backfill runs write progress rows too; the panel shows the stream (live) only.
    const queries = (await getJson<{ queryName: string; batches: BatchSummary[] }[]>('/api/v1/pipeline/progress?limit=60')).filter(
      (q) => !isBackfill(q.queryName),
    );
    // The inventory query carries the input rate and dead letters; velocity queries read the same topic.
    const newest = (q: { batches: BatchSummary[] }) => Date.parse(q.batches[0]?.committedAt ?? '1970-01-01');
    const inventory = queries.filter((q) => q.queryName.endsWith('live_inventory')).sort((a, b) => newest(b) - newest(a));
    const shown = inventory[0] ?? queries[0];
    const velocity = queries.filter((q) => q.queryName.endsWith('sales_velocity_1h')).sort((a, b) => newest(b) - newest(a))[0];
    this.watermarkQuery = velocity?.queryName;
    this.watermark = velocity?.batches[0]?.watermark ?? null;
    this.dropped = new Map((velocity?.batches ?? []).map((b) => [b.batchId, b.rowsDroppedByWatermark ?? 0]));
    this.batches = shown ? [...shown.batches].reverse() : [];
    this.render();
  }

  /** Re-reads the newest batch of each query for its offset lag, which grows while no batch commits. */
  async refreshLag(): Promise<void> {
    const queries = await getJson<{ batches: BatchSummary[] }[]>('/api/v1/pipeline/progress?limit=1');
    for (const latest of queries.flatMap((q) => q.batches)) {
      const at = this.batches.findIndex((b) => b.queryName === latest.queryName && b.batchId === latest.batchId);
      if (at >= 0) this.batches[at] = latest;
      else this.apply(latest);
    }
    this.render();
  }

  apply(batch: BatchSummary): void {
    if (isBackfill(batch.queryName)) return;
    if (batch.queryName === this.watermarkQuery) {
      this.dropped.set(batch.batchId, batch.rowsDroppedByWatermark ?? 0);
      if (this.dropped.size > KEEP) this.dropped.delete(Math.min(...this.dropped.keys()));
      if (batch.watermark) this.watermark = batch.watermark;
      this.render();
    }
    const first = this.batches.at(0);
    if (first && first.queryName !== batch.queryName) return; // one query per panel
    if (this.batches.some((b) => b.batchId === batch.batchId)) return;
    this.batches.push(batch);
    if (this.batches.length > KEEP) this.batches.shift();
    this.render();
  }

  private rate(b: BatchSummary, previous: BatchSummary | undefined): number | null {
    if (b.inputRowsPerSecond !== null) return b.inputRowsPerSecond;
    if (!previous || b.numInputRows === null) return null;
    const s = (Date.parse(b.committedAt) - Date.parse(previous.committedAt)) / 1000;
    return s > 0 ? b.numInputRows / s : null;
  }

  private render(): void {
    const latest = this.batches[this.batches.length - 1];
    const previous = this.batches[this.batches.length - 2];
    byId('pl-rate').textContent = latest ? fmtInt(this.rate(latest, previous)) : '–';
    byId('pl-duration').textContent = latest?.batchDurationMs != null ? `${fmtInt(latest.batchDurationMs)} ms` : '–';
    byId('pl-lag').textContent = latest?.offsetLag != null ? fmtInt(latest.offsetLag) : '–';
    const watermark = latest?.watermark ?? this.watermark;
    const wm = byId('pl-watermark');
    wm.textContent = watermark ? fmtTime(watermark).slice(11) : '–';
    wm.title = watermark ?? '';
    if (watermark) wm.append(el('div', { class: 'sub' }, `${fmtTime(watermark).slice(0, 10)} UTC`));
    byId('pl-dropped').textContent = this.watermarkQuery ? fmtInt([...this.dropped.values()].reduce((a, b) => a + b, 0)) : '–';
    const batch = byId('pl-batch');
    batch.textContent = latest ? `#${latest.batchId}` : 'none yet';
    if (latest) batch.append(el('div', { class: 'sub' }, latest.queryName));
    const xs = this.batches.map((b) => Date.parse(b.committedAt) / 1000);
    const ys = this.batches.map((b, i) => this.rate(b, this.batches[i - 1]));
    this.drawSpark([xs, ys]);
  }

  private drawSpark(data: uPlot.AlignedData): void {
    const host = byId('pl-spark');
    if (this.spark) {
      this.spark.setData(data);
      return;
    }
    this.spark = new uPlot(
      {
        width: Math.max(200, host.clientWidth),
        height: 44,
        legend: { show: false },
        cursor: { show: false },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: true } },
        series: [{}, { stroke: '#4fd1c5', width: 1.5, fill: 'rgba(79, 209, 197, 0.15)', points: { show: false }, spanGaps: true }],
      },
      data,
      host,
    );
  }
}
