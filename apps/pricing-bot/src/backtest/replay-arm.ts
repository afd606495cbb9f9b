// Replays one SKU through one arm (no bot, or the bot) in event time: its historical sales under a
// constant-elasticity response to the price in effect, restocking, and, for the bot, the live path's
// signals (the domain's inventory fold and its windowed figures) and the live policy (evaluatePricing)
// after every sale and on every sweep.
import {
  DAY_MS,
  EMPTY_PRICING_STATE,
  applyInventoryEvents,
  emptyInventoryState,
  evaluatePricing,
  guardrailViolations,
  HOUR_MS,
  inventoryFigures,
  priceHistoryStats,
  signalTime,
  type InventoryProduct,
  type PriceChangePoint,
  type PricingInputs,
  type PricingPolicy,
  type SkuPricingState,
} from '@shelfstream/domain';
import type { BacktestSettings } from './backtest-settings';
import { bucketIndex, type ArmTally, type HourSeries } from './arm-tally';
import type { SkuDemand } from './retail-history';

/** A product with prices in pence, as the policy sees it. */
export interface ReplayProduct {
  readonly sku: string;
  readonly unitCost: number;
  readonly basePrice: number;
  readonly priceFloor: number | null;
  readonly priceCeiling: number | null;
  readonly lowStockThreshold: number;
  readonly restockLeadHours: number;
}

export interface SkuReplay {
  readonly product: ReplayProduct;
  readonly demand: SkuDemand;
  /** First hour (epoch ms, on the hour) and length of the replay. */
  readonly startHour: number;
  readonly hours: number;
  /** Opening stock and each reorder quantity. */
  readonly orderQty: number;
}

/** Replays the SKU into `hours` (one value per hour) and `tally`; `policy` null is the no-bot arm. */
export function replayArm(replay: SkuReplay, policy: PricingPolicy | null, settings: BacktestSettings, hours: HourSeries, tally: ArmTally): void {
  const { product, demand, startHour, orderQty } = replay;
  const invProduct: InventoryProduct = {
    initialStock: orderQty,
    lowStockThreshold: product.lowStockThreshold,
    restockLeadHours: product.restockLeadHours,
    baselineHourlyRate: null,
  };
  let inv = emptyInventoryState(invProduct);
  let price = product.basePrice;
  let state: SkuPricingState = EMPTY_PRICING_STATE;
  let changes: PriceChangePoint[] = [];
  let bucket = bucketIndex('none');
  let baseline = 0;
  let carry = 0;
  let arrivesAt = -1;
  const lastIgnored = new Map<string, number | null>();
  const dailySold = new Float64Array(Math.ceil(replay.hours / 24) + 1);
  const warmupEnd = startHour + settings.warmupDays * DAY_MS;
  const priceFactor = () => Math.pow(price / product.basePrice, -settings.elasticity);

  const evaluate = (now: number) => {
    if (!policy || now < warmupEnd) return;
    if (changes.length > 64) changes = changes.filter((c) => c.at > now - policy.referenceWindowDays * DAY_MS);
    const f = inventoryFigures(inv, invProduct, now); // decayed to the evaluation time, as the stream's store clock does
    const lastSaleAt = inv.lastSaleMs ?? null;
    const inputs: PricingInputs = {
      now,
      product: { ...product, currentPrice: price },
      velocity: {
        onHand: f.onHand,
        unitsLastHour: f.unitsLastHour,
        unitsLast24h: f.unitsLast24h,
        baselineHourlyRate: baseline,
        stockoutEta: f.stockoutEtaMs,
        lastSaleAt,
        asOf: now,
      },
      state,
      history: priceHistoryStats(changes, price, now, policy.referenceWindowDays),
    };
    const { decision, nextState } = evaluatePricing(inputs, policy);
    state = nextState;
    if (!decision) return;
    if (decision.outcome === 'ignored') {
      // As live: recorded once per rule and evidence time.
      const evidence = signalTime(decision.rule, inputs.velocity);
      if (lastIgnored.get(decision.rule) === evidence) return;
      lastIgnored.set(decision.rule, evidence);
    }
    tally.recordDecision(decision, guardrailViolations(decision, inputs, policy));
    if (decision.outcome !== 'applied') return;
    changes.push({ at: now, oldPrice: price, newPrice: decision.newPrice });
    price = decision.newPrice;
    bucket = bucketIndex(decision.rule);
  };

  let e = 0;
  for (let h = 0; h < replay.hours; h++) {
    const hourStart = startHour + h * HOUR_MS;
    if (arrivesAt >= 0 && arrivesAt <= hourStart) {
      inv = applyInventoryEvents(inv, [{ type: 'restock', quantity: orderQty, eventTimeMs: hourStart }]);
      arrivesAt = -1;
    }
    if (hourStart % DAY_MS === 0 && h > 0) {
      // The nightly baseline: trailing whole days of this arm's own sales.
      const day = Math.floor(h / 24);
      const from = Math.max(0, day - settings.baselineDays);
      let units = 0;
      for (let d = from; d < day; d++) units += dailySold[d] ?? 0;
      baseline = day > from ? units / ((day - from) * 24) : 0;
    }
    if (h % settings.sweepHours === 0) evaluate(hourStart);
    let revenue = 0;
    let margin = 0;
    let sold = 0;
    while (e < demand.times.length && (demand.times[e] ?? Infinity) < hourStart + HOUR_MS) {
      const t = demand.times[e] ?? hourStart;
      const historical = demand.units[e] ?? 0;
      e++;
      carry += historical * priceFactor();
      const wanted = Math.floor(carry + 1e-9);
      carry -= wanted;
      const units = Math.min(wanted, Math.max(0, inv.onHand));
      tally.demandUnits += historical;
      tally.lostUnits += wanted - units;
      if (units > 0) {
        inv = applyInventoryEvents(inv, [{ type: 'sale', quantity: units, eventTimeMs: t }]);
        revenue += units * price;
        margin += units * (price - product.unitCost);
        sold += units;
        dailySold[Math.floor(h / 24)] += units;
      }
      if (arrivesAt < 0 && inv.onHand <= product.lowStockThreshold) arrivesAt = t + Math.max(1, product.restockLeadHours) * HOUR_MS;
      evaluate(t); // the pipeline's notification after the batch with this sale
    }
    hours.revenue[h] = revenue;
    hours.margin[h] = margin;
    hours.units[h] = sold;
    hours.oos[h] = inv.onHand < 1 ? 1 : 0;
    hours.bucket[h] = bucket;
    hours.priceIndex[h] = price / product.basePrice;
  }
}
