// Units sold per hour (1 h windows) against the SKU's baseline over the last 24 h of live time: the x
// range ends at the live clock (stream watermark, or the SKU's newer last sale), not at the SKU's own
// last sale, so a SKU that stopped selling shows an empty last day rather than an old one. Times in UTC.
// The y axis is as wide as its widest label and the plot keeps room on the right for the last x label.
import uPlot from 'uplot';
import type { SkuDetail } from './types';

export const DAY_SECONDS = 86_400;
const AXIS = { stroke: '#8b95a7', grid: { stroke: '#232a36' }, ticks: { stroke: '#232a36' } };

/** Axis size from its widest label (uPlot's auto-size recipe), so labels are never clipped. */
function fitLabels(self: uPlot, values: string[] | null, axisIdx: number, cycleNum: number): number {
  const axis = self.axes[axisIdx];
  if (!axis) return 40;
  if (cycleNum > 1) return (axis as { _size?: number })._size ?? 40;
  let size = (axis.ticks?.size ?? 10) + (axis.gap ?? 5) + 4;
  const longest = (values ?? []).reduce((a, v) => (String(v).length > a.length ? String(v) : a), '');
  if (longest) {
    self.ctx.font = (axis.font as unknown as string[] | undefined)?.[0] ?? '12px system-ui';
    size += self.ctx.measureText(longest).width / devicePixelRatio;
  }
  return Math.ceil(size);
}

export interface ChartRange {
  /** Seconds. */
  from: number;
  to: number;
  /** True when the range ends at the live clock; false: no stream yet, the SKU's own last sale. */
  live: boolean;
}

export class VelocityChart {
  private plot: uPlot | undefined;
  private range: ChartRange = { from: 0, to: DAY_SECONDS, live: false };

  constructor(private readonly host: HTMLElement) {
    // Follow the panel's width (window resizes, the 1-column layout below 1100 px).
    new ResizeObserver(() => {
      const width = Math.max(280, this.host.clientWidth);
      if (this.plot && Math.abs(this.plot.width - width) > 1) this.plot.setSize({ width, height: 200 });
    }).observe(this.host);
  }

  show(detail: SkuDetail, range: ChartRange): void {
    this.range = range;
    const windows = detail.velocity.lastHour
      .map((w) => ({ x: Date.parse(w.windowEnd) / 1000, units: w.units }))
      .filter((w) => w.x > range.from && w.x <= range.to);
    const xs = windows.map((w) => w.x);
    const units = windows.map((w) => w.units);
    const baselineRate = detail.baseline?.hourlyRate ?? detail.inventory.baselineHourlyRate;
    // The baseline spans the whole range even when the SKU sold nothing in it.
    const data: uPlot.AlignedData = [
      [range.from, ...xs, range.to],
      [null, ...units, null],
      [baselineRate, ...xs.map(() => baselineRate), baselineRate],
    ];
    const width = Math.max(280, this.host.clientWidth);
    this.host.dataset['xFrom'] = new Date(range.from * 1000).toISOString();
    this.host.dataset['xTo'] = new Date(range.to * 1000).toISOString();
    this.host.dataset['points'] = String(windows.length);
    if (this.plot) {
      this.plot.setData(data);
      this.plot.setSize({ width, height: 200 });
      return;
    }
    this.plot = new uPlot(
      {
        width,
        height: 200,
        padding: [12, 28, 0, 0],
        legend: { show: true },
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: { time: true, range: () => [this.range.from, this.range.to] },
          y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
        },
        axes: [
          { ...AXIS, space: 70, size: 48 },
          { ...AXIS, size: fitLabels },
        ],
        series: [
          { label: 'UTC' },
          { label: 'units / h', stroke: '#4fd1c5', width: 2, fill: 'rgba(79, 209, 197, 0.12)', points: { show: false } },
          { label: 'baseline', stroke: '#f6ad55', width: 1.5, dash: [6, 4], points: { show: false } },
        ],
      },
      data,
      this.host,
    );
  }
}
