// Liveness: the process answers (no dependency is consulted, so a slow database never gets it killed).
// Readiness: what serving needs. The API reads everything it serves from Postgres; Kafka only feeds the
// `price.changed` socket events and the offset lag of the pipeline panel, and the API does not use
// Redis at all, so neither can make it unready (a load balancer would pull a working API). The Kafka
// price feed is reported beside the checks for operators.
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LiveFeedService } from '../realtime/live-feed.service';

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: { postgres: CheckResult };
  /** Informational only: `price.changed` events from Kafka (`off` when KAFKA_CONSUMER_ENABLED=false). */
  priceChangesFeed: 'running' | 'starting' | 'off';
}

export interface LivenessReport {
  status: 'ok';
  uptimeSeconds: number;
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
export class HealthService {
  constructor(
    @Inject(DataSource) private readonly ds: DataSource,
    @Inject(LiveFeedService) private readonly feed: LiveFeedService,
  ) {}

  live(): LivenessReport {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  async ready(): Promise<ReadinessReport> {
    const postgres = await timed(() => this.ds.query('SELECT 1'));
    return { status: postgres.ok ? 'ok' : 'unavailable', checks: { postgres }, priceChangesFeed: this.feed.priceFeedState };
  }
}
