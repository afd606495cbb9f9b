import { describe, expect, it } from 'vitest';
import { loadPipelineConfig } from './pipeline-config';

describe('loadPipelineConfig', () => {
  it('uses the defaults', () => {
    expect({ ...loadPipelineConfig({}) }).toEqual({
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shelfstream',
      EVENT_TIME_MAX_FUTURE_MS: 300_000,
      BASELINE_AS_OF: undefined,
      LOG_LEVEL: 'info',
      METRICS_PORT: 0,
    });
  });
  it('lists every bad variable in one error', () => {
    expect(() => loadPipelineConfig({ KAFKA_BROKERS: 'nope', DATABASE_URL: 'x', EVENT_TIME_MAX_FUTURE_MS: '1h', BASELINE_AS_OF: 'yesterday' })).toThrowError(
      /KAFKA_BROKERS[\s\S]*DATABASE_URL[\s\S]*EVENT_TIME_MAX_FUTURE_MS[\s\S]*BASELINE_AS_OF/,
    );
  });
  it('refuses a future skew beyond the watermark delay and accepts one within it', () => {
    expect(() => loadPipelineConfig({ EVENT_TIME_MAX_FUTURE_MS: '600001' })).toThrowError(/EVENT_TIME_MAX_FUTURE_MS must be an integer from 0 to 600000/);
    expect(loadPipelineConfig({ EVENT_TIME_MAX_FUTURE_MS: '60000' }).EVENT_TIME_MAX_FUTURE_MS).toBe(60_000);
  });
});
