import { collectDefaultMetrics, Registry } from 'prom-client';

/** A Prometheus registry with Node's default metrics under `prefix` (one per app instance, so tests can run several). */
export function createMetricsRegistry(prefix: string): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix });
  return registry;
}
