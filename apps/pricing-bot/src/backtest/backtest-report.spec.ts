import { DEFAULT_PRICING_POLICY } from '@shelfstream/domain';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown } from './backtest-report';
import { DEFAULT_BACKTEST_SETTINGS } from './backtest-settings';
import type { BacktestReport } from './run-backtest';
import { emptyArm } from './simulate-sku';

function report(): BacktestReport {
  const before = { ...emptyArm(2), revenue: 100_000, margin: 40_000, unitsSold: 100, oosHours: 10 };
  const after = { ...emptyArm(2), revenue: 105_000, margin: 46_000, unitsSold: 95, oosHours: 5, changes: 3, byRule: { surge: 3 } };
  return {
    startHour: Date.UTC(2011, 0, 1), hours: 48, skus: 4, skusTouched: 1, velocitySource: 'test rows',
    settings: DEFAULT_BACKTEST_SETTINGS, policy: DEFAULT_PRICING_POLICY, before, after, elapsedMs: 5,
  };
}

describe('backtest report', () => {
  it('tabulates both arms with the change and states the demand model', () => {
    const md = renderMarkdown(report());
    expect(md).toContain('| Revenue | £1,000 | £1,050 | +5.0% |');
    expect(md).toContain('| Out-of-stock SKU-hours | 10 | 5 | -50.0% |');
    expect(md).toContain('SKUs touched: 1 of 4 (25.0%)');
    expect(md).toContain('Price changes: 3 (surge 3)');
    expect(md).toMatch(/constant elasticity 1\.5/);
  });

  it('renders an HTML page with the table and two charts', () => {
    const html = renderHtml(report(), renderMarkdown(report()));
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('<th>Revenue</th><td>£1,000</td><td>£1,050</td><td>+5.0%</td>');
  });
});
