#!/usr/bin/env node
// npm run infra:up | infra:down [--clean] | infra:status
// Makes Kafka (KRaft, from Maven Central jars), PostgreSQL and Redis answer at KAFKA_BROKERS,
// DATABASE_URL and REDIS_URL. Idempotent; `down` stops only what `up` started.
import { pathToFileURL } from 'node:url';
import { kafkaDown, kafkaStatus, kafkaUp } from './infra/kafka.mjs';
import { postgresDown, postgresStatus, postgresUp } from './infra/postgres.mjs';
import { redisDown, redisStatus, redisUp } from './infra/redis.mjs';
import { env } from './infra/settings.mjs';

const COMPONENTS = [
  { name: 'postgres', address: () => env('DATABASE_URL'), up: postgresUp, down: postgresDown, status: postgresStatus },
  { name: 'redis', address: () => env('REDIS_URL'), up: redisUp, down: redisDown, status: redisStatus },
  { name: 'kafka', address: () => env('KAFKA_BROKERS'), up: kafkaUp, down: kafkaDown, status: kafkaStatus },
];

const seconds = (/** @type {number} */ ms) => `${(ms / 1000).toFixed(1)} s`;
const pad = (/** @type {string} */ text, /** @type {number} */ width) => text.padEnd(width);

/** Brings every component up (in order: Postgres and Redis are quick, Kafka is the slow one). */
export async function infraUp({ log = console.log } = {}) {
  const started = Date.now();
  for (const component of COMPONENTS) {
    const t0 = Date.now();
    const detail = await component.up();
    log(`infra: ${pad(component.name, 9)} ${pad(component.address(), 48)} ${detail} (${seconds(Date.now() - t0)})`);
  }
  log(`infra: up in ${seconds(Date.now() - started)}`);
}

export async function infraDown({ clean = false, log = console.log } = {}) {
  for (const component of [...COMPONENTS].reverse()) {
    log(`infra: ${pad(component.name, 9)} ${await component.down(clean)}`);
  }
}

/** Prints each component and whether it answers; resolves true when all answer. */
export async function infraStatus({ log = console.log } = {}) {
  let allAnswer = true;
  for (const component of COMPONENTS) {
    const { answers, owner } = await component.status();
    allAnswer &&= answers;
    log(`infra: ${pad(component.name, 9)} ${pad(component.address(), 48)} ${answers ? 'answers' : 'DOES NOT ANSWER'} (${owner})`);
  }
  return allAnswer;
}

async function main(/** @type {string[]} */ argv) {
  const [command, ...flags] = argv;
  if (command === 'up') await infraUp();
  else if (command === 'down') await infraDown({ clean: flags.includes('--clean') });
  else if (command === 'status') process.exitCode = (await infraStatus()) ? 0 : 1;
  else {
    console.error('usage: node scripts/infra.mjs up | down [--clean] | status');
    process.exitCode = 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(`infra: ${error.code ? `[${error.code}] ` : ''}${error.message}`);
    process.exitCode = 1;
  });
}
