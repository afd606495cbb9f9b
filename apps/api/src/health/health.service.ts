import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { Kafka, type Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { ApiConfig } from '../config/api-config';

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: { postgres: CheckResult; redis: CheckResult; kafka: CheckResult };
}

const TIMEOUT_MS = 2000;

async function timed(fn: () => Promise<unknown>): Promise<CheckResult> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - start) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - start), error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService implements OnApplicationShutdown {
  private redis?: Redis;
  private admin?: Admin;

  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(Kafka) private readonly kafka: Kafka,
    @Inject(ApiConfig) private readonly config: ApiConfig,
  ) {}

  async check(): Promise<HealthReport> {
    const [postgres, redis, kafka] = await Promise.all([
      timed(() => this.ds.query('SELECT 1')),
      timed(() => this.redisClient().ping()),
      timed(() => this.kafkaAdmin().then((a) => a.describeCluster())),
    ]);
    if (!kafka.ok) await this.resetKafka();
    return { status: postgres.ok && redis.ok && kafka.ok ? 'ok' : 'degraded', checks: { postgres, redis, kafka } };
  }

  private redisClient(): Redis {
    this.redis ??= new Redis(this.config.REDIS_URL, {
      lazyConnect: false,
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      connectTimeout: TIMEOUT_MS,
      retryStrategy: (times) => Math.min(times * 500, 5000),
    });
    this.redis.on('error', () => undefined); // reported through ping
    return this.redis;
  }

  private async kafkaAdmin(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka.admin();
      await admin.connect();
      this.admin = admin;
    }
    return this.admin;
  }

  private async resetKafka(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.disconnect().catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.resetKafka();
    this.redis?.disconnect();
  }
}
