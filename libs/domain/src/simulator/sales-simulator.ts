// The simulator's event generator as a pure, seeded function: (config, state, time span) -> (records, state).
import { DomainError } from '../errors/domain-error';
import { encodeSalesEvent, SALES_CURRENCY, type SalesEvent } from '../events/sales-event';
import { roundMoney } from '../products/product';
import { demandFactor } from './demand-cycles';
import { malformRecord, MALFORMED_KINDS } from './malformed-records';
import { createRng, poisson, type Rng } from './prng';

export interface SimProduct {
  readonly sku: string;
  readonly price: number;
  /** Stock the simulator starts from (e.g. live on-hand, or the catalog's initial stock). */
  readonly stock: number;
  readonly lowStockThreshold: number;
}

export interface SimulatorConfig {
  readonly seed: number;
  /** Most popular first: popularity falls off as 1 / rank^zipfExponent. */
  readonly products: readonly SimProduct[];
  /** Mean events per second over a week (the daily/weekly cycle moves the rate around it). */
  readonly ratePerSecond: number;
  readonly stores?: readonly string[];
  readonly zipfExponent?: number;
  /** false: a flat rate (benchmarks). */
  readonly cycles?: boolean;
  readonly returnShare?: number;
  readonly malformedShare?: number;
  /** Share of sales drawn from spiking SKUs while a spike is on, and spike timing. */
  readonly spikeShare?: number;
  readonly meanMsBetweenSpikes?: number;
  readonly spikeDurationMs?: number;
  /** Delay between stock falling to its threshold and the restock event. */
  readonly restockDelayMs?: number;
}

export interface SimulatorState {
  readonly rng: number;
  readonly seq: number;
  readonly stock: readonly number[];
  /** Pending restocks in due order (the delay is constant, so append order is due order). */
  readonly restocks: ReadonlyArray<{ readonly product: number; readonly dueMs: number }>;
  readonly spikes: ReadonlyArray<{ readonly product: number; readonly untilMs: number }>;
  readonly nextSpikeAtMs: number;
  /** Recently sold product indexes, a source for returns. */
  readonly recentSales: readonly number[];
}

export interface SimRecord {
  /** Kafka key: the SKU (utf-8). */
  readonly key: string;
  readonly value: string;
  readonly eventTimeMs: number;
  /** The event when the record is valid; undefined for a deliberately malformed record. */
  readonly event?: SalesEvent;
}

const QUANTITIES = [1, 1, 1, 1, 2, 2, 2, 3, 4, 6, 6, 12, 12, 24];
const RECENT = 512;

export function initialSimulatorState(config: SimulatorConfig, startMs: number): SimulatorState {
  if (config.products.length === 0) throw new DomainError('INVALID_ARGUMENT', 'the simulator needs at least one product');
  if (!(config.ratePerSecond > 0)) throw new DomainError('INVALID_ARGUMENT', `rate must be > 0, got ${config.ratePerSecond}`);
  return {
    rng: config.seed >>> 0,
    seq: 0,
    stock: config.products.map((p) => p.stock),
    restocks: [],
    spikes: [],
    nextSpikeAtMs: startMs + (config.meanMsBetweenSpikes ?? 600_000) / 2,
    recentSales: [],
  };
}

/** Cumulative Zipf weights, for sampling by binary search. */
function zipfCumulative(n: number, exponent: number): Float64Array {
  const cumulative = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative[i] = sum += 1 / Math.pow(i + 1, exponent);
  return cumulative;
}
const cumulativeCache = new WeakMap<SimulatorConfig, Float64Array>();

function pickZipf(rng: Rng, cumulative: Float64Array): number {
  const target = rng.next() * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Generates every record with event time in [fromMs, toMs), in time order. */
export function generateSales(config: SimulatorConfig, state: SimulatorState, fromMs: number, toMs: number): { records: SimRecord[]; state: SimulatorState } {
  if (toMs < fromMs) throw new DomainError('INVALID_ARGUMENT', 'toMs must be >= fromMs');
  const rng = createRng(state.rng);
  const products = config.products;
  let cumulative = cumulativeCache.get(config);
  if (!cumulative) {
    cumulative = zipfCumulative(products.length, config.zipfExponent ?? 1.1);
    cumulativeCache.set(config, cumulative);
  }
  const stores = config.stores ?? ['united-kingdom'];
  const stock = state.stock.slice();
  const restocks = state.restocks.slice();
  const pending = new Set(restocks.map((r) => r.product));
  const recent = state.recentSales.slice();
  let spikes = state.spikes.filter((s) => s.untilMs > fromMs);
  let nextSpikeAtMs = state.nextSpikeAtMs;
  let seq = state.seq;
  const records: SimRecord[] = [];

  const midMs = (fromMs + toMs) / 2;
  const factor = config.cycles === false ? 1 : demandFactor(midMs);
  const count = poisson(rng, (config.ratePerSecond * factor * (toMs - fromMs)) / 1000);
  const times = new Float64Array(count);
  for (let k = 0; k < count; k++) times[k] = fromMs + Math.floor(rng.next() * (toMs - fromMs));
  times.sort();

  // Spikes hit a random SKU (often a tail one), start at exponential gaps and last a while.
  while (nextSpikeAtMs < toMs) {
    if (nextSpikeAtMs >= fromMs && spikes.length < 3)
      spikes = [...spikes, { product: Math.floor(rng.next() * products.length), untilMs: nextSpikeAtMs + (config.spikeDurationMs ?? 1_800_000) }];
    nextSpikeAtMs += -Math.log(1 - rng.next()) * (config.meanMsBetweenSpikes ?? 600_000);
  }

  const emit = (event: SalesEvent, timeMs: number) => {
    const malformed = (config.malformedShare ?? 0) > 0 && rng.next() < (config.malformedShare ?? 0);
    if (malformed) {
      const kind = MALFORMED_KINDS[Math.floor(rng.next() * MALFORMED_KINDS.length)];
      records.push({ key: event.sku, value: malformRecord(event, kind), eventTimeMs: timeMs });
    } else records.push({ key: event.sku, value: encodeSalesEvent(event), eventTimeMs: timeMs, event });
  };
  const base = (i: number, timeMs: number): Omit<SalesEvent, 'type' | 'quantity' | 'unit_price'> => ({
    event_id: `sim-${config.seed}-${++seq}`,
    sku: products[i].sku,
    store: stores[Math.floor(rng.next() * stores.length)],
    currency: SALES_CURRENCY,
    event_time: new Date(timeMs).toISOString(),
  });
  const restockDelay = config.restockDelayMs ?? 120_000;

  const deliverUntil = (t: number) => {
    while (restocks.length > 0 && restocks[0].dueMs <= t) {
      const { product: i, dueMs } = restocks.shift() as { product: number; dueMs: number };
      pending.delete(i);
      const quantity = Math.max(products[i].lowStockThreshold * 4, products[i].stock - stock[i], 1);
      stock[i] += quantity;
      emit({ ...base(i, dueMs), type: 'restock', quantity, unit_price: 0 }, dueMs);
    }
  };

  for (const t of times) {
    deliverUntil(t);
    if (recent.length > 0 && rng.next() < (config.returnShare ?? 0.03)) {
      const i = recent[Math.floor(rng.next() * recent.length)];
      stock[i] += 1;
      emit({ ...base(i, t), type: 'return', quantity: 1, unit_price: products[i].price }, t);
      continue;
    }
    const active = spikes.filter((s) => s.untilMs > t);
    let i = active.length > 0 && rng.next() < (config.spikeShare ?? 0.3) ? active[Math.floor(rng.next() * active.length)].product : pickZipf(rng, cumulative);
    for (let attempt = 0; attempt < 3 && stock[i] <= 0; attempt++) i = pickZipf(rng, cumulative);
    if (stock[i] <= 0) continue; // sold out everywhere we looked: demand is lost
    const quantity = Math.min(stock[i], QUANTITIES[Math.floor(rng.next() * QUANTITIES.length)]);
    stock[i] -= quantity;
    if (stock[i] <= products[i].lowStockThreshold && !pending.has(i)) {
      pending.add(i);
      restocks.push({ product: i, dueMs: t + restockDelay });
    }
    if (recent.length < RECENT) recent.push(i);
    else recent[seq % RECENT] = i;
    emit({ ...base(i, t), type: 'sale', quantity, unit_price: roundMoney(products[i].price) }, t);
  }
  deliverUntil(toMs - 1);
  return { records, state: { rng: rng.state, seq, stock, restocks, spikes, nextSpikeAtMs, recentSales: recent } };
}
