// End offsets (high watermarks) of the topics a query reads, for its offset lag; cached for a second,
// and empty when Kafka cannot be reached (the lag is then unknown, not an error).
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Kafka, type Admin } from 'kafkajs';
import type { TopicOffsets } from './progress-summary';

const CACHE_MS = 1000;

@Injectable()
export class TopicEndOffsets implements OnApplicationShutdown {
  private admin: Admin | undefined;
  private readonly cache = new Map<string, { at: number; ends: Map<number, number> }>();

  constructor(@Inject(Kafka) private readonly kafka: Kafka) {}

  async of(topics: Iterable<string>): Promise<TopicOffsets> {
    const out: TopicOffsets = new Map();
    for (const topic of topics) {
      const hit = this.cache.get(topic);
      if (hit && Date.now() - hit.at < CACHE_MS) {
        out.set(topic, hit.ends);
        continue;
      }
      try {
        const admin = await this.connect();
        const offsets = await admin.fetchTopicOffsets(topic);
        const ends = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
        this.cache.set(topic, { at: Date.now(), ends });
        out.set(topic, ends);
      } catch {
        await this.reset();
      }
    }
    return out;
  }

  private async connect(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  private async reset(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
  }
}
