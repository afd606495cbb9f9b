import { describe, expect, it } from 'vitest';
import { ConfigError, loadApiConfig } from './api-config';

describe('ApiConfig', () => {
  it('has working defaults and parses the environment', () => {
    const c = loadApiConfig({ PORT: '8080', API_READS_REQUIRE_KEY: 'true' });
    expect(c).toMatchObject({ PORT: 8080, API_READS_REQUIRE_KEY: true, KAFKA_BROKERS: '127.0.0.1:9092' });
  });

  it('lists every bad variable in one error', () => {
    let error: unknown;
    try {
      loadApiConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SOCKET_COALESCE_MS: '1', KAFKA_BROKERS: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'SOCKET_COALESCE_MS', 'KAFKA_BROKERS']) expect(problems).toContain(name);
  });
});
