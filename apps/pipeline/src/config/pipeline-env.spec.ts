import { describe, expect, it } from 'vitest';
import { readPipelineEnv } from './pipeline-env';

describe('readPipelineEnv', () => {
  it('uses the defaults', () => {
    expect(readPipelineEnv({})).toEqual({ kafkaBrokers: ['127.0.0.1:9092'], databaseUrl: 'postgres://postgres@127.0.0.1:5432/shelfstream' });
  });
  it('lists every bad variable in one error', () => {
    expect(() => readPipelineEnv({ KAFKA_BROKERS: 'nope', DATABASE_URL: 'x' })).toThrowError(/KAFKA_BROKERS[\s\S]*DATABASE_URL/);
  });
});
