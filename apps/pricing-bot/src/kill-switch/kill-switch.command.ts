// `pricing-bot kill-switch on|off|status`: flips the run-time kill switch every worker reads.
import { DomainError } from '@shelfstream/domain';
import type { Command } from 'commander';
import { loadPricingBotConfig } from '../config/pricing-bot-config';
import { redisConnection } from '../repricing/redis-connection';
import { killSwitchKey, setKillSwitch } from './kill-switch.service';

export function registerKillSwitchCommand(program: Command): void {
  program
    .command('kill-switch')
    .description('stop (on) or resume (off) automated price changes in every worker, or show the state')
    .argument('<state>', 'on | off | status')
    .action(async (state: string) => {
      if (!['on', 'off', 'status'].includes(state)) throw new DomainError('INVALID_ARGUMENT', `state must be on, off or status, got ${state}`);
      const config = loadPricingBotConfig();
      const redis = redisConnection(config.REDIS_URL);
      try {
        if (state !== 'status') await setKillSwitch(redis, config.QUEUE_PREFIX, state === 'on');
        const since = await redis.get(killSwitchKey(config.QUEUE_PREFIX));
        console.log(`kill switch: ${since ? `on since ${since}` : 'off'}${config.policy.killSwitch ? ' (forced on by the config)' : ''}`);
      } finally {
        redis.disconnect();
      }
    });
}
