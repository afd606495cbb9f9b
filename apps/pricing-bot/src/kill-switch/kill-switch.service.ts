// The global kill switch at run time: a Redis key every worker reads before each evaluation, so
// `pricing-bot kill-switch on` stops all automated changes at once, without a restart. The config's
// PRICING_KILL_SWITCH (or the policy file) forces it on regardless of the key.
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';
import { PricingBotConfig } from '../config/pricing-bot-config';
import { redisConnection } from '../repricing/redis-connection';

export function killSwitchKey(queuePrefix: string): string {
  return `${queuePrefix}:pricing:kill-switch`;
}

/** Sets or clears the key (used by the CLI and tests). */
export async function setKillSwitch(redis: IORedis, queuePrefix: string, on: boolean): Promise<void> {
  if (on) await redis.set(killSwitchKey(queuePrefix), new Date().toISOString());
  else await redis.del(killSwitchKey(queuePrefix));
}

@Injectable()
export class KillSwitch implements OnApplicationShutdown {
  private readonly redis: IORedis;
  private readonly key: string;

  constructor(private readonly config: PricingBotConfig) {
    this.redis = redisConnection(config.REDIS_URL);
    this.key = killSwitchKey(config.QUEUE_PREFIX);
  }

  async isOn(): Promise<boolean> {
    return this.config.policy.killSwitch || (await this.redis.exists(this.key)) === 1;
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
