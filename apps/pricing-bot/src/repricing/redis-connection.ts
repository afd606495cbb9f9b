// One ioredis connection per owner; BullMQ needs maxRetriesPerRequest null for its blocking calls.
import IORedis from 'ioredis';

export function redisConnection(url: string): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null });
}
