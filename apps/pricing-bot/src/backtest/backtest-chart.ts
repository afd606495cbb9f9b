// The report's chart as a standalone SVG: cumulative gross-margin difference (bot − no bot) per rule.
import { BUCKETS, type Bucket } from './arm-tally';
import type { BacktestReport } from './run-backtest';

const COLORS: Record<Bucket, string> = { none: '#999999', surge: '#d62728', 'surge-revert': '#ff7f0e', 'slow-mover': '#1f77b4', 'promo-expiry': '#2ca02c' };
export const BUCKET_LABELS: Record<Bucket, string> = {
  none: 'before any change',
  surge: 'surge',
  'surge-revert': 'surge revert',
  'slow-mover': 'slow mover',
  'promo-expiry': 'promotion expiry',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function renderChart(r: BacktestReport): string {
  const w = 960;
  const h = 380;
  const pad = { l: 90, r: 170, t: 40, b: 50 };
  const daily = r.main.tally.dailyMarginDelta;
  const days = daily.none.length;
  const series = [
    ...BUCKETS.filter((b) => b !== 'none').map((b) => ({ name: BUCKET_LABELS[b], color: COLORS[b], values: cumulative(daily[b]) })),
    {
      name: 'all rules',
      color: '#000000',
      values: cumulative(Float64Array.from({ length: days }, (_, d) => BUCKETS.reduce((s, b) => s + (daily[b][d] ?? 0), 0))),
    },
  ];
  const all = series.flatMap((s) => Array.from(s.values));
  const lo = Math.min(0, ...all);
  const hi = Math.max(0, ...all);
  const span = hi - lo || 1;
  const x = (d: number) => pad.l + (d / Math.max(1, days - 1)) * (w - pad.l - pad.r);
  const y = (v: number) => pad.t + ((hi - v) / span) * (h - pad.t - pad.b);
  const pounds = (p: number) => `£${Math.round(p / 100).toLocaleString('en-GB')}`;
  const ticks = Array.from({ length: 5 }, (_, i) => lo + (span * i) / 4)
    .map(
      (v) =>
        `<line x1="${pad.l}" x2="${w - pad.r}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#eee"/><text x="${pad.l - 8}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="12">${pounds(v)}</text>`,
    )
    .join('');
  const months = Array.from({ length: days }, (_, d) => d)
    .filter((d) => new Date(r.startHour + d * 86_400_000).getUTCDate() === 1 || d === 0)
    .map(
      (d) =>
        `<text x="${x(d).toFixed(1)}" y="${h - pad.b + 18}" text-anchor="middle" font-size="12">${new Date(r.startHour + d * 86_400_000).toISOString().slice(0, 7)}</text>`,
    )
    .join('');
  const paths = series
    .map(
      (s) =>
        `<path d="${Array.from(s.values, (v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('')}" fill="none" stroke="${s.color}" stroke-width="${s.name === 'all rules' ? 2.5 : 1.5}"/>`,
    )
    .join('');
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${w - pad.r + 15}" y="${pad.t + i * 22}" width="12" height="12" fill="${s.color}"/><text x="${w - pad.r + 32}" y="${pad.t + i * 22 + 11}" font-size="13">${esc(s.name)}</text>`,
    )
    .join('');
  const title = `Cumulative gross margin, bot − no bot, by the rule whose price was in effect (elasticity ${r.main.elasticity}, cost ${r.main.costShare} of base)`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, sans-serif" role="img" aria-label="${esc(title)}">` +
    `<rect width="${w}" height="${h}" fill="#fff"/><text x="${pad.l}" y="22" font-size="14" font-weight="600">${esc(title)}</text>` +
    `${ticks}<line x1="${pad.l}" x2="${w - pad.r}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" stroke="#666"/>${months}${paths}${legend}</svg>\n`
  );
}

function cumulative(values: Float64Array): Float64Array {
  const out = new Float64Array(values.length);
  let sum = 0;
  values.forEach((v, i) => (out[i] = sum += v));
  return out;
}
