import { Counter } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './metrics-registry';
import { serveMetrics } from './metrics-server';

describe('serveMetrics', () => {
  it('serves the registry at /metrics and nothing else', async () => {
    const registry = createMetricsRegistry('test_');
    new Counter({ name: 'test_things_total', help: 'things', registers: [registry] }).inc(3);
    const server = await serveMetrics(registry, 0, '127.0.0.1');
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(await res.text()).toMatch(/^test_things_total 3$/m);
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
