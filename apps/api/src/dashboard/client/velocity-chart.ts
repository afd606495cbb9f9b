// Units sold per hour (1 h windows over the last 24 h of event time) against the SKU's baseline rate.
import uPlot from 'uplot';
import type { SkuDetail } from './types';

export class VelocityChart {
  private plot: uPlot | undefined;

  constructor(private readonly host: HTMLElement) {}

  show(detail: SkuDetail): void {
    const windows = detail.velocity.lastHour;
    const xs = windows.map((w) => Date.parse(w.windowEnd) / 1000);
    const units = windows.map((w) => w.units);
    const baselineRate = detail.baseline?.hourlyRate ?? detail.inventory.baselineHourlyRate;
    const baseline = xs.map(() => baselineRate);
    const data: uPlot.AlignedData = [xs, units, baseline];
    const width = Math.max(280, this.host.clientWidth);
    if (this.plot) {
      this.plot.setData(data);
      this.plot.setSize({ width, height: 200 });
      return;
    }
    this.plot = new uPlot(
      {
        width,
        height: 200,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] } },
        axes: [
          { stroke: '#8b95a7', grid: { stroke: '#232a36' }, ticks: { stroke: '#232a36' }, space: 70 },
          { stroke: '#8b95a7', grid: { stroke: '#232a36' }, ticks: { stroke: '#232a36' }, size: 40 },
        ],
        series: [
          {},
          { label: 'units / h', stroke: '#4fd1c5', width: 2, fill: 'rgba(79, 209, 197, 0.12)', points: { show: false } },
          { label: 'baseline', stroke: '#f6ad55', width: 1.5, dash: [6, 4], points: { show: false } },
        ],
      },
      data,
      this.host,
    );
  }
}
