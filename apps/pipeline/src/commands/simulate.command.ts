// `simulate`: a realistic sales stream into Kafka `sales` (the domain's seeded generator, paced in real time).
import { generateSales, initialSimulatorState, type SimulatorConfig } from '@shelfstream/domain';
import { kafkaClient } from '@shelfstream/platform';
import { Command } from 'commander';
import { durationMs, positiveInteger, positiveNumber, share } from '../cli/parse-options';
import { loadPipelineConfig } from '../config/pipeline-config';
import { loadStockedProducts } from '../db/product-store';
import { assertTopicExists, SALES_KAFKA_OPTIONS, salesProducer, sendChunk } from '../kafka/kafka-producer';

export interface SimulateOptions {
  rate: number;
  skus: number;
  seed: number;
  malformed: number;
  returns: number;
  flat: boolean;
  topic: string;
  tick: number;
  duration?: number;
  restockDelay: number;
}

const STORES = ['united-kingdom', 'united-kingdom', 'united-kingdom', 'united-kingdom', 'united-kingdom', 'germany', 'france', 'eire', 'netherlands'];

export async function runSimulate(options: SimulateOptions, signal?: AbortSignal): Promise<{ sent: number }> {
  const env = loadPipelineConfig();
  const stocked = (await loadStockedProducts(env.DATABASE_URL)).slice(0, options.skus);
  if (stocked.length === 0) throw new Error('no products in the database: run `pipeline seed` first');
  const config: SimulatorConfig = {
    seed: options.seed,
    products: stocked.map(({ product, onHand }) => ({
      sku: product.sku,
      price: product.currentPrice,
      stock: Math.max(0, onHand),
      lowStockThreshold: product.lowStockThreshold,
    })),
    ratePerSecond: options.rate,
    stores: STORES,
    cycles: !options.flat,
    malformedShare: options.malformed,
    returnShare: options.returns,
    restockDelayMs: options.restockDelay,
  };
  const kafka = kafkaClient('shelfstream-simulator', env.KAFKA_BROKERS, SALES_KAFKA_OPTIONS);
  await assertTopicExists(kafka, options.topic);
  const producer = salesProducer(kafka);
  await producer.connect();
  const started = Date.now();
  let state = initialSimulatorState(config, started);
  let from = started;
  let sent = 0;
  let lastReport = started;
  try {
    while (!signal?.aborted && (options.duration === undefined || from - started < options.duration)) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, from + options.tick - Date.now())));
      const to = Date.now();
      const out = generateSales(config, state, from, to);
      state = out.state;
      from = to;
      await sendChunk(producer, options.topic, out.records);
      sent += out.records.length;
      if (to - lastReport >= 10_000) {
        console.log(`simulate: ${sent} records sent, ${Math.round((sent * 1000) / (to - started))}/s`);
        lastReport = to;
      }
    }
  } finally {
    await producer.disconnect();
  }
  return { sent };
}

export function simulateCommand(): Command {
  return new Command('simulate')
    .description('send a realistic sales stream (daily/weekly cycles, long tail, spikes, restocks, returns) to Kafka')
    .option('--rate <events/s>', 'mean events per second over a week', positiveNumber, 50)
    .option('--skus <n>', 'how many products (the most popular first)', positiveInteger, 200)
    .option('--seed <n>', 'random seed', positiveInteger, 42)
    .option('--malformed <share>', 'share of deliberately malformed records', share, 0)
    .option('--returns <share>', 'share of returns', share, 0.03)
    .option('--flat', 'no daily/weekly cycle (constant rate)', false)
    .option('--topic <name>', 'Kafka topic', 'sales')
    .option('--tick <duration>', 'how often to send', durationMs, 50)
    .option('--restock-delay <duration>', 'delay from low stock to the restock event', durationMs, 120_000)
    .option('--duration <duration>', 'stop after this long (default: until Ctrl-C)', durationMs)
    .action(async (options: SimulateOptions) => {
      const abort = new AbortController();
      process.once('SIGINT', () => abort.abort());
      process.once('SIGTERM', () => abort.abort());
      const { sent } = await runSimulate(options, abort.signal);
      console.log(`simulate: stopped after ${sent} records`);
    });
}
