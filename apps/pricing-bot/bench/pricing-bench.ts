// Benchmark: evaluations per second over a sweep of many SKUs, and the delay from a pipeline commit
// notification (a velocity change) to the committed price change (the bot's `price_changed` NOTIFY).
// Real Postgres, Redis and Kafka. Run: `npx nx run pricing-bot:bench` (BENCH_SKUS, BENCH_SPIKES to size it).
import 'reflect-metadata';
import { Client } from 'pg';
import { PricingMetrics } from '../src/metrics/pricing-metrics';
import { PRICE_CHANGED_CHANNEL, type PriceChangedPayload } from '../src/repricing/repricing.job';
import { RepricingProducer } from '../src/repricing/repricing.producer';
import { startPricingBot } from '../src/worker';
import { calm, commitInventoryBatch, seedProducts, spike } from '../test/support/pipeline-simulator';
import { createPricingTestEnv, waitFor } from '../test/support/pricing-test-env';

const SKUS = Number(process.env.BENCH_SKUS ?? 2000);
const SPIKES = Number(process.env.BENCH_SPIKES ?? 300);
const SPIKE_INTERVAL_MS = Number(process.env.BENCH_SPIKE_INTERVAL_MS ?? 20);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function main(): Promise<void> {
  const env = await createPricingTestEnv('bench');
  const app = await startPricingBot({ config: env.config() }, ['error']);
  const listener = new Client({ connectionString: env.db.url });
  try {
    const skus = Array.from({ length: SKUS }, (_, i) => `B${String(i).padStart(5, '0')}`);
    const spiked = skus.slice(0, SPIKES);
    await seedProducts(
      env.client,
      skus.map((sku) => ({ sku, price: 9.99, unitCost: 5, ceiling: 15 })),
    );
    // Quiet seeding: commit the rows without waking the worker (notifications come later).
    await env.client.query('SET synchronous_commit = off');
    for (let i = 0; i < skus.length; i += 500) await commitInventoryBatch(env.client, 1, skus.slice(i, i + 500).map(calm), 'bench-seed');
    const metrics = app.get(PricingMetrics);
    await waitFor(async () => (metrics.evaluations >= SKUS ? true : undefined), 120_000, 'the seed evaluations');

    // 1. Throughput: one sweep over every SKU (no signal: read, decide, record state).
    const base = metrics.evaluations;
    const t0 = performance.now();
    await app.get(RepricingProducer).enqueueEvaluations(skus, 'sweep');
    await waitFor(async () => (metrics.evaluations - base >= SKUS ? true : undefined), 300_000, 'the sweep');
    const sweepMs = performance.now() - t0;

    // 2. Latency: spike commits one SKU at a time; delay = commit returned -> price_changed received.
    await env.client.query('SET synchronous_commit = on');
    await listener.connect();
    await listener.query(`LISTEN ${PRICE_CHANGED_CHANNEL}`);
    const committedAt = new Map<string, number>();
    const delays: number[] = [];
    listener.on('notification', (msg) => {
      const payload = JSON.parse(msg.payload ?? '{}') as PriceChangedPayload;
      const start = committedAt.get(payload.sku);
      if (start !== undefined) delays.push(performance.now() - start);
    });
    const applied0 = metrics.applied;
    const t1 = performance.now();
    for (const [i, sku] of spiked.entries()) {
      await commitInventoryBatch(env.client, 100 + i, [spike(sku)], 'bench');
      committedAt.set(sku, performance.now());
      await new Promise((r) => setTimeout(r, SPIKE_INTERVAL_MS));
    }
    await waitFor(async () => (delays.length >= SPIKES ? true : undefined), 60_000, 'every price change');
    const spikeMs = performance.now() - t1;
    delays.sort((a, b) => a - b);

    const results = {
      skus: SKUS,
      evaluationsPerSecond: Math.round((SKUS / sweepMs) * 1000),
      sweepMs: Math.round(sweepMs),
      concurrency: env.config().EVALUATION_CONCURRENCY,
      debounceMs: env.config().EVALUATION_DEBOUNCE_MS,
      spikes: SPIKES,
      applied: metrics.applied - applied0,
      spikeRatePerSecond: Math.round((SPIKES / spikeMs) * 1000),
      delayMs: { p50: quantile(delays, 0.5), p95: quantile(delays, 0.95), p99: quantile(delays, 0.99), max: delays.at(-1) },
    };
    const r = (n: number | undefined) => (n === undefined ? 'n/a' : n.toFixed(1));
    console.log(`pricing-bot bench: ${SKUS} SKUs, concurrency ${results.concurrency}, debounce ${results.debounceMs} ms`);
    console.log(`  sweep: ${results.evaluationsPerSecond} evaluations/s (${SKUS} in ${results.sweepMs} ms)`);
    console.log(`  notification -> committed price change (${SPIKES} spikes at ${results.spikeRatePerSecond}/s, ${results.applied} applied):`);
    console.log(`    p50 ${r(results.delayMs.p50)} ms, p95 ${r(results.delayMs.p95)} ms, p99 ${r(results.delayMs.p99)} ms, max ${r(results.delayMs.max)} ms`);
    console.log(JSON.stringify(results));
  } finally {
    await listener.end().catch(() => undefined);
    await app.close();
    await env.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
