// The live window the API defines (newest stream watermark − LIVE_WINDOW_MINUTES): which rows are live
// now and which are history, the clock the 24 h chart ends at, and the status line above the table.
import { byId, fmtInt, fmtTime, getJson } from './format';
import type { LiveWindow } from './types';

export class LiveClock {
  private state: LiveWindow = { watermark: null, since: null, windowMinutes: 60 };
  private readonly listeners: (() => void)[] = [];
  private countTimer: number | undefined;

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  async load(): Promise<void> {
    this.set(await getJson<LiveWindow>('/api/v1/inventory/live-window'));
  }

  /** From the `live.window` socket event (no counts): re-marks rows and re-reads the counts. */
  apply(window: LiveWindow): void {
    this.set({ ...this.state, ...window });
    this.refreshCountsSoon();
  }

  /** Counts change when rows move in or out of the window; read them at most once a second. */
  refreshCountsSoon(): void {
    if (this.countTimer !== undefined) return;
    this.countTimer = window.setTimeout(() => {
      this.countTimer = undefined;
      void this.load();
    }, 1000);
  }

  isLive(lastEventAt: string): boolean {
    return this.state.since !== null && Date.parse(lastEventAt) >= Date.parse(this.state.since);
  }

  /** Event time "now" for charts: the watermark, or null before any stream reported one. */
  get nowMs(): number | null {
    return this.state.watermark === null ? null : Date.parse(this.state.watermark);
  }

  private set(next: LiveWindow): void {
    this.state = next;
    this.render();
    for (const listener of this.listeners) listener();
  }

  private render(): void {
    const s = this.state;
    const status = byId('live-status');
    status.dataset['liveSkus'] = String(s.liveSkus ?? '');
    if (s.since === null) {
      status.textContent = 'No live stream yet: every row is history (backfilled or replayed).';
      return;
    }
    const counts = s.liveSkus !== undefined && s.totalSkus !== undefined ? `${fmtInt(s.liveSkus)} of ${fmtInt(s.totalSkus)} SKUs live` : 'live';
    status.textContent = `● ${counts} · live = last sale within ${fmtInt(s.windowMinutes)} min of the stream watermark ${fmtTime(s.watermark)} UTC`;
    status.title = `Rows whose last event is at or after ${fmtTime(s.since)} UTC are live; older rows are history.`;
  }
}
