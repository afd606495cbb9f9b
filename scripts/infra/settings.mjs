// Addresses (from the environment, with the documented defaults) and the git-ignored folders
// where infra:up keeps jars, data, logs and the record of what it started.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const INFRA_DIR = path.join(ROOT, '.infra');
export const KAFKA_LIBS_DIR = path.join(ROOT, '.kafka', 'libs');
export const KAFKA_TOOLS_DIR = path.join(ROOT, 'tools', 'kafka');

export const DEFAULTS = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shelfstream',
  REDIS_URL: 'redis://127.0.0.1:6379',
};

/** The standard topics every app relies on (auto-create is off on our broker). */
export const STANDARD_TOPICS = [
  { topic: 'sales', numPartitions: 6 },
  { topic: 'sales-dead-letters', numPartitions: 3 },
  { topic: 'price-changes', numPartitions: 3 },
];

export class InfraError extends Error {
  /** @param {string} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.name = 'InfraError';
    this.code = code;
  }
}

/** @param {keyof typeof DEFAULTS} name */
export function env(name) {
  const value = process.env[name];
  return value && value.trim() !== '' ? value.trim() : DEFAULTS[name];
}

/** First broker of KAFKA_BROKERS as {host, port}. */
export function kafkaAddress() {
  const first = (env('KAFKA_BROKERS').split(',')[0] ?? '').trim();
  const [, host, port] = /^([^:]+):(\d+)$/.exec(first) ?? [];
  if (host === undefined || port === undefined) throw new InfraError('INFRA_BAD_ENV', `KAFKA_BROKERS must be host:port[,host:port], got "${first}"`);
  return { host, port: Number(port) };
}

/** @param {'DATABASE_URL' | 'REDIS_URL'} name @param {string[]} protocols */
export function urlFromEnv(name, protocols) {
  let url;
  try {
    url = new URL(env(name));
  } catch {
    throw new InfraError('INFRA_BAD_ENV', `${name} is not a URL: "${env(name)}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new InfraError('INFRA_BAD_ENV', `${name} must start with ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return url;
}

/** @param {string} host */
export function isLoopback(host) {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host === '[::1]';
}
