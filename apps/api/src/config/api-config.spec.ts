import { describe, expect, it } from 'vitest';
import { ConfigError } from '@shelfstream/platform';
import { loadApiConfig } from './api-config';

describe('ApiConfig', () => {
  it('has working defaults and parses the environment', () => {
    const c = loadApiConfig({ PORT: '8080', API_READS_REQUIRE_KEY: 'true' });
    expect(c).toMatchObject({ PORT: 8080, API_READS_REQUIRE_KEY: true, KAFKA_BROKERS: '127.0.0.1:9092' });
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadApiConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SOCKET_COALESCE_MS: '1',
        KAFKA_BROKERS: 'nope',
        SOCKET_CORS_ORIGINS: '*',
        MAX_BODY_DEPTH: '1000',
        API_KEY_FAILURES_PER_MINUTE: '0',
        LIVE_WINDOW_MINUTES: 'an hour',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'PORT',
      'DATABASE_URL',
      'SOCKET_COALESCE_MS',
      'KAFKA_BROKERS',
      'SOCKET_CORS_ORIGINS',
      'MAX_BODY_DEPTH',
      'API_KEY_FAILURES_PER_MINUTE',
      'LIVE_WINDOW_MINUTES',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('accepts a list of socket origins and no origin at all', () => {
    expect(loadApiConfig({ SOCKET_CORS_ORIGINS: 'https://shop.example,http://localhost:5173' }).SOCKET_CORS_ORIGINS).toBe(
      'https://shop.example,http://localhost:5173',
    );
    expect(loadApiConfig({}).SOCKET_CORS_ORIGINS).toBe('');
    expect(() => loadApiConfig({ SOCKET_CORS_ORIGINS: 'https://shop.example/path' })).toThrow(/SOCKET_CORS_ORIGINS/);
  });
});
