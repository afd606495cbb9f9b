// The backtest's report regenerated in CI size: four real weeks through the same command `npm run backtest`
// runs, then the report's invariants: no decision outside the guardrails, rule rows that add up to the
// totals, and a no-bot arm that replays exactly the history's demand.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUCKETS, type Totals } from '../src/backtest/arm-tally';
import { backtest } from '../src/backtest/backtest.command';
import { DEFAULT_RETAIL_DIR } from '../src/backtest/retail-history';
import type { BacktestReport } from '../src/backtest/run-backtest';

const POLICY = fileURLToPath(new URL('../backtest/policy.json', import.meta.url));
const FIELDS: (keyof Totals)[] = ['revenue', 'margin', 'units', 'oosHours', 'skuHours'];

describe('backtest on a CI-sized slice of the real year', () => {
  const out = mkdtempSync(join(tmpdir(), 'backtest-'));
  let report: BacktestReport;
  let markdown: string;

  beforeAll(() => {
    const grid = { elasticities: [1.5, 2.5], costShares: [0.6] };
    ({ report } = backtest({ from: DEFAULT_RETAIL_DIR, since: '2011-03-01', until: '2011-03-28', policy: POLICY, out, grid }));
    markdown = readFileSync(join(out, 'report.md'), 'utf8');
  }, 300_000);

  it('replays every scenario with decisions of every rule, none outside the guardrails', () => {
    expect(report.scenarios).toHaveLength(2);
    for (const s of report.scenarios) {
      expect(s.tally.botTally.violationExamples).toEqual([]);
      expect(s.tally.botTally.violations).toBe(0);
      for (const rule of ['surge', 'surge-revert', 'slow-mover', 'promo-expiry']) expect(s.tally.botTally.decisions[rule]?.['applied']).toBeGreaterThan(0);
    }
    expect(markdown).toContain('Guardrail audit: 0 decisions outside the guardrails across all 2 scenarios');
  });

  it('per-rule rows add up to the totals of both arms; before any change both arms are identical', () => {
    for (const s of report.scenarios) {
      for (const f of FIELDS) {
        expect(BUCKETS.reduce((n, b) => n + s.tally.byRule[b].bot[f], 0)).toBe(s.tally.bot[f]);
        expect(BUCKETS.reduce((n, b) => n + s.tally.byRule[b].noBot[f], 0)).toBe(s.tally.noBot[f]);
      }
      expect(s.tally.byRule.none.bot).toEqual(s.tally.byRule.none.noBot);
      expect(s.tally.bot.skuHours).toBe(report.skus * report.hours);
    }
  });

  it('the no-bot baseline sells exactly the history demand (less stock-outs), the bot arm replays the same demand', () => {
    for (const s of report.scenarios) {
      const { noBotTally, botTally } = s.tally;
      expect(noBotTally.demandUnits).toBe(report.historicalUnits);
      expect(botTally.demandUnits).toBe(noBotTally.demandUnits);
      expect(s.tally.noBot.units + noBotTally.lostUnits).toBe(noBotTally.demandUnits);
    }
    // The cost assumption changes margins, not the no-bot arm's sales.
    const [a, b] = report.scenarios;
    expect(a?.tally.noBot.units).toBe(b?.tally.noBot.units);
  });

  it('writes the numbers of this run into the report, with its chart', () => {
    const m = report.main.tally;
    const pounds = (p: number) => `£${Math.round(p / 100).toLocaleString('en-GB')}`;
    expect(markdown).toContain(`| **all hours** | ${(report.hours * report.skus).toLocaleString('en-GB')} | ${pounds(m.noBot.revenue)} |`);
    expect(markdown).toMatch(/## What holds across the grid\n\n- \*\*/);
    expect(markdown).toContain('![Cumulative gross margin, bot − no bot, per rule](chart.svg)');
    const svg = readFileSync(join(out, 'chart.svg'), 'utf8');
    expect(svg.match(/<path /g)).toHaveLength(BUCKETS.length); // four rules and the total
    const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { scenarios: { noBot: Totals }[] };
    expect(json.scenarios[0]?.noBot.revenue).toBe(report.scenarios[0]?.tally.noBot.revenue);
  });
});
