// Which conclusions hold across the sensitivity grid: each claim is checked in every scenario.
import type { Bucket } from './arm-tally';
import type { BacktestReport, ScenarioResult } from './run-backtest';

interface Claim {
  readonly text: string;
  readonly holds: (s: ScenarioResult) => boolean;
}

const ruleMargin = (s: ScenarioResult, b: Bucket) => s.tally.byRule[b].bot.margin - s.tally.byRule[b].noBot.margin;
const ruleUnits = (s: ScenarioResult, b: Bucket) => s.tally.byRule[b].bot.units - s.tally.byRule[b].noBot.units;

const CLAIMS: readonly Claim[] = [
  { text: 'the bot raises total gross margin', holds: (s) => s.tally.bot.margin > s.tally.noBot.margin },
  { text: 'the bot raises total revenue', holds: (s) => s.tally.bot.revenue > s.tally.noBot.revenue },
  { text: 'the bot reduces stock-out hours', holds: (s) => s.tally.bot.oosHours < s.tally.noBot.oosHours },
  { text: 'surge rises raise margin while in effect', holds: (s) => ruleMargin(s, 'surge') > 0 },
  { text: 'surge reverts raise margin while in effect', holds: (s) => ruleMargin(s, 'surge-revert') > 0 },
  { text: 'slow-mover promotions raise margin while in effect', holds: (s) => ruleMargin(s, 'slow-mover') > 0 },
  { text: 'slow-mover promotions sell more units while in effect', holds: (s) => ruleUnits(s, 'slow-mover') > 0 },
  { text: 'hours after a promotion expired earn more margin than without the bot', holds: (s) => ruleMargin(s, 'promo-expiry') > 0 },
];

const where = (ss: readonly ScenarioResult[]) => ss.map((s) => `e ${s.elasticity}/c ${s.costShare}`).join(', ');

export function conclusions(r: BacktestReport): string[] {
  const n = r.scenarios.length;
  return CLAIMS.map((c) => {
    const yes = r.scenarios.filter(c.holds);
    if (yes.length === n) return `**Holds in all ${n} scenarios:** ${c.text}.`;
    if (yes.length === 0) return `**Holds in none of the ${n} scenarios:** ${c.text}.`;
    const no = r.scenarios.filter((s) => !c.holds(s));
    return `**Depends on the assumptions** (${yes.length} of ${n}): ${c.text} — holds at ${where(yes)}; not at ${where(no)}.`;
  });
}
