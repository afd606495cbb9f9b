// SQL of one evaluation, all run on the caller's QueryRunner inside its transaction.
import {
  EMPTY_PRICING_STATE,
  toPence,
  toPounds,
  type PriceChangePoint,
  type PriceDecision,
  type PricingInputs,
  type PricingPolicy,
  type ProductPricing,
  type SkuPricingState,
  type VelocitySnapshot,
} from '@shelfstream/domain';
import type { QueryRunner } from 'typeorm';
import { PRICE_CHANGED_CHANNEL, type EvaluationTrigger, type PriceChangedPayload } from './repricing.job';

async function rows<T>(qr: QueryRunner, text: string, params: unknown[]): Promise<T[]> {
  const result = await qr.query(text, params, true);
  return result.records as T[];
}

const money = (pence: number) => toPounds(pence).toFixed(2);
const pence = (value: string | number | null) => (value === null ? null : toPence(Number(value)));

interface SnapshotRow {
  sku: string;
  unit_cost: string;
  base_price: string;
  current_price: string;
  price_floor: string | null;
  price_ceiling: string | null;
  low_stock_threshold: number;
  restock_lead_hours: number;
  on_hand: number;
  units_last_hour: number;
  units_last_24h: number;
  baseline_hourly_rate: number;
  stockout_eta: Date | null;
  batch_id: string;
  last_sale_at: Date | null;
  as_of: Date | null;
}

/**
 * The signal times of a live_inventory row (the pipeline's contract, docs/contracts.md): the event time of
 * the newest sale its figures reflect, and the event time (watermark) its windowed figures were decayed to.
 */
const SIGNAL_TIMES_SQL = `li.last_sale_at, li.figures_as_of AS as_of`;
const ms = (d: Date | null) => (d ? d.getTime() : null);

export interface Snapshot {
  readonly product: ProductPricing;
  readonly velocity: VelocitySnapshot;
  readonly batchId: number;
}

/** The product (row-locked, so evaluations of one SKU serialize here too) and its live velocity. */
export async function loadSnapshot(qr: QueryRunner, sku: string): Promise<Snapshot | null> {
  const [r] = await rows<SnapshotRow>(
    qr,
    `SELECT p.sku, p.unit_cost, p.base_price, p.current_price, p.price_floor, p.price_ceiling,
            p.low_stock_threshold, p.restock_lead_hours, li.on_hand::float8 AS on_hand, li.units_last_hour::float8 AS units_last_hour,
            li.units_last_24h::float8 AS units_last_24h,
            COALESCE(NULLIF(li.baseline_hourly_rate, 0), sb.hourly_rate, 0) AS baseline_hourly_rate,
            li.stockout_eta, li.batch_id, ${SIGNAL_TIMES_SQL}
       FROM products p
       JOIN live_inventory li ON li.sku = p.sku
       LEFT JOIN sales_baseline sb ON sb.sku = p.sku
      WHERE p.sku = $1
        FOR UPDATE OF p`,
    [sku],
  );
  if (!r) return null;
  return {
    batchId: Number(r.batch_id),
    product: {
      sku: r.sku,
      unitCost: toPence(Number(r.unit_cost)),
      basePrice: toPence(Number(r.base_price)),
      currentPrice: toPence(Number(r.current_price)),
      priceFloor: pence(r.price_floor),
      priceCeiling: pence(r.price_ceiling),
      lowStockThreshold: r.low_stock_threshold,
      restockLeadHours: r.restock_lead_hours,
    },
    velocity: {
      onHand: r.on_hand,
      unitsLastHour: r.units_last_hour,
      unitsLast24h: r.units_last_24h,
      baselineHourlyRate: Number(r.baseline_hourly_rate),
      stockoutEta: ms(r.stockout_eta),
      lastSaleAt: ms(r.last_sale_at),
      asOf: ms(r.as_of),
    },
  };
}

interface StateRow {
  slow_since: Date | null;
  promo_regular_price: string | null;
  promo_started_at: Date | null;
  promo_expires_at: Date | null;
  surge_regular_price: string | null;
  surge_started_at: Date | null;
  normal_since: Date | null;
}

export async function loadState(qr: QueryRunner, sku: string): Promise<SkuPricingState> {
  const [r] = await rows<StateRow>(
    qr,
    `SELECT slow_since, promo_regular_price, promo_started_at, promo_expires_at, surge_regular_price, surge_started_at, normal_since
       FROM price_sku_state WHERE sku = $1`,
    [sku],
  );
  if (!r) return EMPTY_PRICING_STATE;
  const promotion =
    r.promo_regular_price !== null && r.promo_started_at && r.promo_expires_at
      ? { regularPrice: toPence(Number(r.promo_regular_price)), startedAt: r.promo_started_at.getTime(), expiresAt: r.promo_expires_at.getTime() }
      : null;
  const surge =
    r.surge_regular_price !== null && r.surge_started_at
      ? { regularPrice: toPence(Number(r.surge_regular_price)), startedAt: r.surge_started_at.getTime() }
      : null;
  return { slowSince: ms(r.slow_since), promotion, surge, normalSince: ms(r.normal_since) };
}

const at = (t: number | null | undefined) => (t == null ? null : new Date(t));

export async function saveState(qr: QueryRunner, sku: string, state: SkuPricingState, now: number): Promise<void> {
  const { promotion: p, surge } = state;
  await qr.query(
    `INSERT INTO price_sku_state (sku, slow_since, promo_regular_price, promo_started_at, promo_expires_at,
       surge_regular_price, surge_started_at, normal_since, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (sku) DO UPDATE SET slow_since = EXCLUDED.slow_since, promo_regular_price = EXCLUDED.promo_regular_price,
       promo_started_at = EXCLUDED.promo_started_at, promo_expires_at = EXCLUDED.promo_expires_at,
       surge_regular_price = EXCLUDED.surge_regular_price, surge_started_at = EXCLUDED.surge_started_at,
       normal_since = EXCLUDED.normal_since, updated_at = EXCLUDED.updated_at`,
    [
      sku,
      at(state.slowSince),
      p ? money(p.regularPrice) : null,
      at(p?.startedAt),
      at(p?.expiresAt),
      surge ? money(surge.regularPrice) : null,
      at(surge?.startedAt),
      at(state.normalSince),
      new Date(now),
    ],
  );
}

export async function loadChanges(qr: QueryRunner, sku: string, since: number): Promise<PriceChangePoint[]> {
  const found = await rows<{ changed_at: Date; old_price: string; new_price: string }>(
    qr,
    `SELECT changed_at, old_price, new_price FROM price_changes WHERE sku = $1 AND changed_at > $2 ORDER BY changed_at`,
    [sku, new Date(since)],
  );
  return found.map((r) => ({ at: r.changed_at.getTime(), oldPrice: toPence(Number(r.old_price)), newPrice: toPence(Number(r.new_price)) }));
}

export interface DecisionContext {
  readonly idempotencyKey: string;
  readonly trigger: EvaluationTrigger;
  readonly batchId: number | null;
  readonly inputs: PricingInputs;
  /** Recorded with the inputs, so a decision stays explainable after the policy changes. */
  readonly policy: PricingPolicy;
}

/** Inserts the decision unless this job already recorded one; returns its id, or null for a repeat. */
export async function insertDecision(qr: QueryRunner, d: PriceDecision, ctx: DecisionContext): Promise<number | null> {
  const [r] = await rows<{ id: string }>(
    qr,
    `INSERT INTO price_decisions (idempotency_key, sku, decided_at, rule, outcome, old_price, proposed_price, new_price,
       limited_by, reason, reference_price, inputs, steps, trigger, batch_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id`,
    [
      ctx.idempotencyKey,
      d.sku,
      new Date(d.decidedAt),
      d.rule,
      d.outcome,
      money(d.oldPrice),
      money(d.proposedPrice),
      money(d.newPrice),
      d.limitedBy,
      d.reason,
      money(d.referencePrice),
      JSON.stringify({ ...ctx.inputs, policy: ctx.policy }),
      JSON.stringify(d.steps),
      ctx.trigger,
      ctx.batchId,
    ],
  );
  return r ? Number(r.id) : null;
}

/** Keeps price_reference current for the SKU (rewritten only when the value changed). */
export async function saveReference(qr: QueryRunner, sku: string, reference: number, days: number, now: number): Promise<void> {
  await qr.query(
    `INSERT INTO price_reference (sku, reference_price, window_days, computed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (sku) DO UPDATE SET reference_price = EXCLUDED.reference_price, window_days = EXCLUDED.window_days,
       computed_at = EXCLUDED.computed_at
     WHERE (price_reference.reference_price, price_reference.window_days) IS DISTINCT FROM (EXCLUDED.reference_price, EXCLUDED.window_days)`,
    [sku, money(reference), days, new Date(now)],
  );
}

/** Applies a decided change: product and live prices, the change row (outbox), a NOTIFY. */
export async function applyChange(qr: QueryRunner, d: PriceDecision, decisionId: number): Promise<number> {
  const price = money(d.newPrice);
  await qr.query(`UPDATE products SET current_price = $2, updated_at = $3 WHERE sku = $1`, [d.sku, price, new Date(d.decidedAt)]);
  await qr.query(`UPDATE live_inventory SET current_price = $2 WHERE sku = $1`, [d.sku, price]);
  const [change] = await rows<{ id: string }>(
    qr,
    `INSERT INTO price_changes (decision_id, sku, old_price, new_price, reference_price, rule, reason, changed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [decisionId, d.sku, money(d.oldPrice), price, money(d.referencePrice), d.rule, d.reason, new Date(d.decidedAt)],
  );
  const changeId = Number(change?.id);
  const payload: PriceChangedPayload = { sku: d.sku, decisionId, changeId, newPrice: toPounds(d.newPrice) };
  await qr.query(`SELECT pg_notify($1, $2)`, [PRICE_CHANGED_CHANNEL, JSON.stringify(payload)]);
  return changeId;
}
