// A BullMQ job goes through the real Redis at REDIS_URL: enqueued, processed by a worker, result stored.
import { randomBytes } from 'node:crypto';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';

const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const connection = { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
const name = `smoke-${randomBytes(4).toString('hex')}`;
const prefix = 'shelfstream-smoke';

const queue = new Queue<{ units: number[] }, number>(name, { connection, prefix });
const events = new QueueEvents(name, { connection, prefix });
const worker = new Worker<{ units: number[] }, number>(name, async (job) => job.data.units.reduce((a, b) => a + b, 0), { connection, prefix });

afterAll(async () => {
  await worker.close();
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
});

describe('bullmq smoke', () => {
  it('processes an enqueued job through Redis and stores its result', async () => {
    await events.waitUntilReady();
    const job = await queue.add('sum', { units: [3, 4, 5] });
    const result = await job.waitUntilFinished(events, 15_000);
    expect(result).toBe(12);
    const stored = await queue.getJob(job.id ?? '');
    expect(stored?.returnvalue).toBe(12);
    expect(await stored?.getState()).toBe('completed');
  });

  it('records a failing job as failed with its reason', async () => {
    const job = await queue.add('sum', { units: 'not a list' as unknown as number[] }, { attempts: 1 });
    await expect(job.waitUntilFinished(events, 15_000)).rejects.toThrow(/reduce is not a function/);
    expect(await (await queue.getJob(job.id ?? ''))?.getState()).toBe('failed');
  });
});
