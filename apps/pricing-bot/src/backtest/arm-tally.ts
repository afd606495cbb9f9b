// What a replay adds up: per-hour series of one SKU, decision counts, and the per-rule attribution of
// the bot's hours against the no-bot arm's same SKU-hours.
import { PRICING_RULES, type DecisionOutcome, type PriceDecision, type PricingRule } from '@shelfstream/domain';

/** The rule whose price was in effect at the end of an hour; `none` before the bot's first change. */
export type Bucket = PricingRule | 'none';
export const BUCKETS: readonly Bucket[] = ['none', ...PRICING_RULES];
export const bucketIndex = (b: Bucket) => BUCKETS.indexOf(b);

export const OUTCOMES: readonly DecisionOutcome[] = ['applied', 'blocked', 'unchanged', 'ignored'];

/** One SKU's values per hour of the replay (buffers reused from SKU to SKU). */
export interface HourSeries {
  readonly revenue: Float64Array;
  readonly margin: Float64Array;
  readonly units: Float64Array;
  readonly oos: Uint8Array;
  readonly bucket: Uint8Array;
  readonly priceIndex: Float64Array;
}

export function hourSeries(hours: number): HourSeries {
  return {
    revenue: new Float64Array(hours),
    margin: new Float64Array(hours),
    units: new Float64Array(hours),
    oos: new Uint8Array(hours),
    bucket: new Uint8Array(hours),
    priceIndex: new Float64Array(hours),
  };
}

/** Revenue and margin in pence. */
export interface Totals {
  revenue: number;
  margin: number;
  units: number;
  oosHours: number;
  skuHours: number;
}

export const emptyTotals = (): Totals => ({ revenue: 0, margin: 0, units: 0, oosHours: 0, skuHours: 0 });

export interface RuleAttribution {
  readonly bot: Totals;
  readonly noBot: Totals;
}

const MAX_VIOLATION_EXAMPLES = 10;

export class ArmTally {
  demandUnits = 0;
  lostUnits = 0;
  readonly decisions: Record<string, Record<string, number>> = {};
  readonly limitedBy: Record<string, number> = {};
  violations = 0;
  readonly violationExamples: string[] = [];

  recordDecision(d: PriceDecision, violations: readonly string[]): void {
    const byOutcome = (this.decisions[d.rule] ??= Object.fromEntries(OUTCOMES.map((o) => [o, 0])));
    byOutcome[d.outcome] = (byOutcome[d.outcome] ?? 0) + 1;
    if (d.limitedBy) this.limitedBy[d.limitedBy] = (this.limitedBy[d.limitedBy] ?? 0) + 1;
    this.violations += violations.length;
    for (const v of violations) if (this.violationExamples.length < MAX_VIOLATION_EXAMPLES) this.violationExamples.push(v);
  }
}

/** Scenario totals: both arms, the per-rule split of the same SKU-hours, and daily margin deltas per bucket. */
export class ScenarioTally {
  readonly bot = emptyTotals();
  readonly noBot = emptyTotals();
  readonly byRule: Record<Bucket, RuleAttribution>;
  /** Per day: bot margin − no-bot margin, per bucket (pence). */
  readonly dailyMarginDelta: Record<Bucket, Float64Array>;
  readonly botTally = new ArmTally();
  readonly noBotTally = new ArmTally();
  priceIndexSum = 0;

  constructor(days: number) {
    this.byRule = Object.fromEntries(BUCKETS.map((b) => [b, { bot: emptyTotals(), noBot: emptyTotals() }])) as Record<Bucket, RuleAttribution>;
    this.dailyMarginDelta = Object.fromEntries(BUCKETS.map((b) => [b, new Float64Array(days)])) as Record<Bucket, Float64Array>;
  }

  /** Adds one SKU: each hour goes to the bucket of the bot's price in effect, with the no-bot arm's same hour. */
  addSku(bot: HourSeries, noBot: HourSeries, hours: number): void {
    for (let h = 0; h < hours; h++) {
      const b = BUCKETS[bot.bucket[h] ?? 0] ?? 'none';
      const rule = this.byRule[b];
      add(rule.bot, bot, h);
      add(rule.noBot, noBot, h);
      add(this.bot, bot, h);
      add(this.noBot, noBot, h);
      const day = Math.floor(h / 24);
      this.dailyMarginDelta[b][day] = (this.dailyMarginDelta[b][day] ?? 0) + (bot.margin[h] ?? 0) - (noBot.margin[h] ?? 0);
      this.priceIndexSum += bot.priceIndex[h] ?? 1;
    }
  }
}

function add(t: Totals, s: HourSeries, h: number): void {
  t.revenue += s.revenue[h] ?? 0;
  t.margin += s.margin[h] ?? 0;
  t.units += s.units[h] ?? 0;
  t.oosHours += s.oos[h] ?? 0;
  t.skuHours++;
}
