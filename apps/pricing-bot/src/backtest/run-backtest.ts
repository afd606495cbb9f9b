// Runs the replay for every scenario of the sensitivity grid: per SKU, the no-bot arm and the bot arm
// over the same historical demand, added up per rule.
import { DAY_MS, DomainError, HOUR_MS, toPence, type PricingPolicy, type Product } from '@shelfstream/domain';
import { ScenarioTally, hourSeries } from './arm-tally';
import type { BacktestSettings, SensitivityGrid } from './backtest-settings';
import { replayArm, type ReplayProduct } from './replay-arm';
import type { RetailHistory } from './retail-history';

export interface ScenarioResult {
  readonly elasticity: number;
  readonly costShare: number;
  readonly tally: ScenarioTally;
}

export interface BacktestReport {
  readonly days: readonly string[];
  readonly startHour: number;
  readonly hours: number;
  readonly skus: number;
  /** Units sold in the history (the demand both arms replay). */
  readonly historicalUnits: number;
  readonly settings: BacktestSettings;
  readonly policy: PricingPolicy;
  /** Every scenario of the grid; `main` is the one with the settings' elasticity and cost share. */
  readonly scenarios: readonly ScenarioResult[];
  readonly main: ScenarioResult;
  readonly elapsedMs: number;
}

function replayProduct(p: Product, costShare: number): ReplayProduct {
  const base = toPence(p.basePrice);
  return {
    sku: p.sku,
    unitCost: Math.round(base * costShare),
    basePrice: base,
    priceFloor: toPence(p.priceFloor),
    priceCeiling: toPence(p.priceCeiling),
    lowStockThreshold: p.lowStockThreshold,
    restockLeadHours: p.restockLeadHours,
  };
}

export function runBacktest(
  history: RetailHistory,
  policy: PricingPolicy,
  settings: BacktestSettings,
  grid: SensitivityGrid,
  log: (line: string) => void = () => undefined,
): BacktestReport {
  const started = performance.now();
  const first = history.days[0];
  const last = history.days[history.days.length - 1];
  if (!first || !last) throw new DomainError('INSUFFICIENT_HISTORY', 'no days to replay');
  const startHour = Date.parse(`${first}T00:00:00Z`);
  const hours = (Date.parse(`${last}T00:00:00Z`) + DAY_MS - startHour) / HOUR_MS;
  const products = history.products.filter((p) => history.demand.has(p.sku) && p.basePrice > 0);
  const noBot = hourSeries(hours);
  const bot = hourSeries(hours);
  const scenarios: ScenarioResult[] = [];
  for (const elasticity of grid.elasticities) {
    for (const costShare of grid.costShares) {
      const s = { ...settings, elasticity, costShare };
      const tally = new ScenarioTally(hours / 24);
      for (const p of products) {
        const demand = history.demand.get(p.sku);
        if (!demand) continue;
        const total = demand.units.reduce((a, b) => a + b, 0);
        const product = replayProduct(p, costShare);
        const orderQty = Math.max(product.lowStockThreshold, Math.ceil((total / hours) * 24 * s.coverDays));
        const replay = { product, demand, startHour, hours, orderQty };
        replayArm(replay, null, s, noBot, tally.noBotTally);
        replayArm(replay, policy, s, bot, tally.botTally);
        tally.addSku(bot, noBot, hours);
      }
      scenarios.push({ elasticity, costShare, tally });
      log(`scenario elasticity ${elasticity}, cost ${costShare}: done (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
  }
  const main = scenarios.find((r) => r.elasticity === settings.elasticity && r.costShare === settings.costShare);
  if (!main) throw new DomainError('INVALID_ARGUMENT', `the grid must hold the main scenario (elasticity ${settings.elasticity}, cost ${settings.costShare})`);
  return {
    days: history.days,
    startHour,
    hours,
    skus: products.length,
    historicalUnits: history.saleUnits,
    settings,
    policy,
    scenarios,
    main,
    elapsedMs: performance.now() - started,
  };
}
