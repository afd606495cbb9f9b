// `replay`: history into Kafka with compressed time (speed x), optionally re-timed to the present.
import { encodeSalesEvent, type SalesEvent } from '@shelfstream/domain';
import { kafkaClient } from '@shelfstream/platform';
import { Command } from 'commander';
import { positiveNumber } from '../cli/parse-options';
import { progressBar } from '../cli/progress';
import { loadPipelineConfig } from '../config/pipeline-config';
import { readHistory } from '../history/history-reader';
import { assertTopicExists, SALES_KAFKA_OPTIONS, type KeyedValue, salesProducer, sendChunk } from '../kafka/kafka-producer';

export interface ReplayOptions {
  from: string;
  format?: string;
  speed: number;
  topic: string;
  retime: boolean;
}

/** When (wall ms) an event is due, and its event time after optional re-timing. */
export function replayClock(firstEventMs: number, startWallMs: number, speed: number, retime: boolean) {
  return (eventMs: number) => {
    const due = startWallMs + (eventMs - firstEventMs) / speed;
    return { due, eventTimeMs: retime ? due : eventMs };
  };
}

export async function runReplay(options: ReplayOptions, signal?: AbortSignal): Promise<{ sent: number }> {
  const env = loadPipelineConfig();
  const kafka = kafkaClient('shelfstream-replay', env.KAFKA_BROKERS, SALES_KAFKA_OPTIONS);
  await assertTopicExists(kafka, options.topic);
  const producer = salesProducer(kafka);
  await producer.connect();
  const bar = progressBar('replay', 0, 'events');
  let clock: ReturnType<typeof replayClock> | undefined;
  let sent = 0;
  try {
    for await (const events of readHistory(options.from, options.format)) {
      bar.setTotal(sent + events.length);
      let pending: KeyedValue[] = [];
      for (const event of events) {
        if (signal?.aborted) return { sent };
        const t = Date.parse(event.event_time);
        clock ??= replayClock(t, Date.now(), options.speed, options.retime);
        const { due, eventTimeMs } = clock(t);
        const wait = due - Date.now();
        if (wait > 5) {
          await sendChunk(producer, options.topic, pending);
          sent += pending.length;
          bar.increment(pending.length);
          pending = [];
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const out: SalesEvent = options.retime ? { ...event, event_time: new Date(eventTimeMs).toISOString() } : event;
        pending.push({ key: out.sku, value: encodeSalesEvent(out) });
        if (pending.length >= 5000) {
          await sendChunk(producer, options.topic, pending);
          sent += pending.length;
          bar.increment(pending.length);
          pending = [];
        }
      }
      await sendChunk(producer, options.topic, pending);
      sent += pending.length;
      bar.increment(pending.length);
    }
  } finally {
    bar.stop();
    await producer.disconnect();
  }
  return { sent };
}

export function replayCommand(): Command {
  return new Command('replay')
    .description('send a history (NDJSON/Parquet file or folder) to Kafka in event-time order with compressed time')
    .requiredOption('--from <path>', 'history file or folder (from `load`)')
    .option('--format <format>', 'parquet or ndjson (default: by extension)')
    .option('--speed <factor>', 'time compression: 60 = one hour of history per minute', positiveNumber, 60)
    .option('--topic <name>', 'Kafka topic', 'sales')
    .option('--retime', 'shift event times so the replay happens now', false)
    .action(async (options: ReplayOptions) => {
      const abort = new AbortController();
      process.once('SIGINT', () => abort.abort());
      const { sent } = await runReplay(options, abort.signal);
      console.log(`replay: sent ${sent} events`);
    });
}
