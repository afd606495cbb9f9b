// The backtest report as a Markdown table and an HTML page with SVG charts (no external assets).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DAY_MS } from '@shelfstream/domain';
import type { ArmResult } from './simulate-sku';
import type { BacktestReport } from './run-backtest';

const gbp = (pence: number) => `£${(pence / 100).toLocaleString('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: 0 })}`;
const int = (n: number) => Math.round(n).toLocaleString('en-GB');
const pct = (n: number, d: number) => (d === 0 ? 'n/a' : `${((n / d) * 100).toFixed(1)}%`);
const delta = (a: number, b: number) => (a === 0 ? 'n/a' : `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)}%`);
const counts = (m: Record<string, number>) => Object.entries(m).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${int(v)}`).join(', ') || 'none';

export function summaryRows(r: BacktestReport): [string, string, string, string][] {
  const row = (label: string, f: (a: ArmResult) => number, fmt: (n: number) => string): [string, string, string, string] => [
    label, fmt(f(r.before)), fmt(f(r.after)), delta(f(r.before), f(r.after)),
  ];
  return [
    row('Revenue', (a) => a.revenue, gbp),
    row('Gross margin', (a) => a.margin, gbp),
    row('Units sold', (a) => a.unitsSold, int),
    row('Demand lost to stock-outs (units)', (a) => a.lostUnits, int),
    row('Out-of-stock SKU-hours', (a) => a.oosHours, int),
    row('Mean price index (price / base)', (a) => a.priceIndexSum / (r.hours * r.skus), (n) => n.toFixed(4)),
  ];
}

export function renderMarkdown(r: BacktestReport): string {
  const from = new Date(r.startHour).toISOString();
  const to = new Date(r.startHour + r.hours * 3_600_000).toISOString();
  const s = r.settings;
  return [
    `# Pricing backtest`,
    ``,
    `Replay ${from} to ${to} (${int(r.hours)} hours), ${int(r.skus)} SKUs. Velocity source: ${r.velocitySource}.`,
    ``,
    `| metric | static prices (before) | pricing bot (after) | change |`,
    `| --- | ---: | ---: | ---: |`,
    ...summaryRows(r).map((c) => `| ${c.join(' | ')} |`),
    ``,
    `- Price changes: ${int(r.after.changes)} (${counts(r.after.byRule)}); decisions ${int(r.after.decisions)}.`,
    `- SKUs touched: ${int(r.skusTouched)} of ${int(r.skus)} (${pct(r.skusTouched, r.skus)}).`,
    `- Decisions blocked or limited by: ${counts(r.after.limitedBy)}.`,
    ``,
    `## Assumptions (simple demand response)`,
    ``,
    `- Demand in each hour = the history's units sold that hour × (price / base price)^-${s.elasticity} (constant elasticity ${s.elasticity}); the history was sold at about the base price (the median price paid).`,
    `- Sales = min(demand, stock); unmet demand is lost. An hour counts as out of stock when it ends with less than one unit.`,
    `- Stock starts at ${s.coverDays} days of the SKU's average hourly demand; when stock falls to the low-stock threshold, the same quantity is ordered and arrives after the restock lead time. Both arms restock identically.`,
    `- The bot evaluates a SKU after every hour with sales (as pipeline notifications would) and every ${s.sweepHours} hours (the sweep), from day ${s.warmupDays} on. Its baseline is the trailing ${s.baselineDays}-day hourly rate of simulated sales, recomputed at each midnight (the nightly job).`,
    `- Policy: ${Object.entries(r.policy).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('/') : String(v)}`).join(', ')}.`,
    `- Replay took ${(r.elapsedMs / 1000).toFixed(1)} s.`,
    ``,
  ].join('\n');
}

function lineChart(title: string, unit: string, startMs: number, series: { name: string; color: string; values: Float64Array }[]): string {
  const w = 900;
  const h = 260;
  const pad = { l: 70, r: 20, t: 30, b: 40 };
  const n = Math.max(...series.map((s) => s.values.length));
  const max = Math.max(1e-9, ...series.flatMap((s) => Array.from(s.values)));
  const x = (i: number) => pad.l + (i / Math.max(1, n - 1)) * (w - pad.l - pad.r);
  const y = (v: number) => h - pad.b - (v / max) * (h - pad.t - pad.b);
  const paths = series
    .map((s) => `<path d="${Array.from(s.values, (v, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join('')}" fill="none" stroke="${s.color}" stroke-width="1.5"/>`)
    .join('');
  const ticks = [0, 0.5, 1].map((f) => `<text x="${pad.l - 6}" y="${y(max * f) + 4}" text-anchor="end" font-size="11">${int(max * f)}</text>`).join('');
  const months = Array.from({ length: n }, (_, i) => i)
    .filter((i) => new Date(startMs + i * DAY_MS).getUTCDate() === 1)
    .map((i) => `<text x="${x(i)}" y="${h - pad.b + 16}" text-anchor="middle" font-size="11">${new Date(startMs + i * DAY_MS).toISOString().slice(0, 7)}</text>`)
    .join('');
  const legend = series.map((s, i) => `<text x="${pad.l + 10 + i * 220}" y="${pad.t - 10}" fill="${s.color}" font-size="12">■ ${s.name}</text>`).join('');
  return `<figure><figcaption>${title} (${unit})</figcaption><svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" role="img" aria-label="${title}">` +
    `<line x1="${pad.l}" y1="${h - pad.b}" x2="${w - pad.r}" y2="${h - pad.b}" stroke="#999"/>${ticks}${months}${legend}${paths}</svg></figure>`;
}

export function renderHtml(r: BacktestReport, markdownTable: string): string {
  const pounds = (a: Float64Array) => a.map((v) => v / 100);
  const rows = summaryRows(r).map((c) => `<tr><th>${c[0]}</th><td>${c[1]}</td><td>${c[2]}</td><td>${c[3]}</td></tr>`).join('');
  const notes = markdownTable.split('\n').filter((l) => l.startsWith('- ')).map((l) => `<li>${l.slice(2).replace(/&/g, '&amp;').replace(/</g, '&lt;')}</li>`).join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pricing backtest</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:960px}table{border-collapse:collapse}th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}th:first-child{text-align:left}figcaption{font-weight:600;margin:1rem 0 .3rem}</style></head><body>
<h1>Pricing backtest</h1>
<p>${new Date(r.startHour).toISOString().slice(0, 10)} to ${new Date(r.startHour + r.hours * 3_600_000).toISOString().slice(0, 10)}, ${int(r.skus)} SKUs, velocity source: ${r.velocitySource}.</p>
<table><thead><tr><th>metric</th><th>static prices (before)</th><th>pricing bot (after)</th><th>change</th></tr></thead><tbody>${rows}</tbody></table>
${lineChart('Daily revenue', '£', r.startHour, [
  { name: 'static prices', color: '#888', values: pounds(r.before.dailyRevenue) },
  { name: 'pricing bot', color: '#1f77b4', values: pounds(r.after.dailyRevenue) },
])}
${lineChart('Out-of-stock SKU-hours per day', 'hours', r.startHour, [
  { name: 'static prices', color: '#888', values: r.before.dailyOosHours },
  { name: 'pricing bot', color: '#d62728', values: r.after.dailyOosHours },
])}
<ul>${notes}</ul></body></html>`;
}

/** Writes report.md, report.html and report.json into `dir`; returns their paths. */
export function writeBacktestReport(r: BacktestReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const md = renderMarkdown(r);
  const files = { 'report.md': md, 'report.html': renderHtml(r, md), 'report.json': JSON.stringify(r, (_k, v: unknown) => (v instanceof Float64Array ? Array.from(v) : v), 2) };
  return Object.entries(files).map(([name, text]) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  });
}
