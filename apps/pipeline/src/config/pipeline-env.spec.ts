import { describe, expect, it } from 'vitest';
import { readPipelineEnv } from './pipeline-env';

describe('readPipelineEnv', () => {
  it('uses the defaults', () => {
    expect(readPipelineEnv({})).toEqual({ kafkaBrokers: ['127.0.0.1:9092'], databaseUrl: 'postgres://postgres@127.0.0.1:5432/shelfstream', maxFutureSkewMs: 300_000 });
  });
  it('lists every bad variable in one error', () => {
    expect(() => readPipelineEnv({ KAFKA_BROKERS: 'nope', DATABASE_URL: 'x', EVENT_TIME_MAX_FUTURE_MS: '1h' })).toThrowError(
      /KAFKA_BROKERS[\s\S]*DATABASE_URL[\s\S]*EVENT_TIME_MAX_FUTURE_MS/,
    );
  });
  it('refuses a future skew beyond the watermark delay and accepts one within it', () => {
    expect(() => readPipelineEnv({ EVENT_TIME_MAX_FUTURE_MS: '600001' })).toThrowError(/EVENT_TIME_MAX_FUTURE_MS must be an integer from 0 to 600000/);
    expect(readPipelineEnv({ EVENT_TIME_MAX_FUTURE_MS: '60000' }).maxFutureSkewMs).toBe(60_000);
  });
});
