#!/usr/bin/env node
// `npm start`: infra up, migrate, seed products, backfill the bundled history, then run the stream,
// the simulator, the API and the pricing bot as child processes until Ctrl-C (which stops them all);
// prints the dashboard address once the API answers.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForHttp } from './start/wait-for-http.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const history = join(root, 'apps/pipeline/data/history');
const port = process.env.PORT ?? '3000';
const rate = process.env.SIM_RATE ?? '50';
/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, FORCE_COLOR: '1' };
/** @type {Set<import('node:child_process').ChildProcess>} */
const children = new Set();
let stopping = false;

const log = (/** @type {string} */ message) => console.log(`\x1b[1mstart:\x1b[0m ${message}`);

/** @typedef {{ command: string, args: string[], cwd: string }} Command */

/**
 * Runs a TypeScript entry point with SWC from its project folder (so its tsconfig applies).
 * @param {string} project
 * @param {string} entry
 * @param {string[]} [args]
 * @returns {Command}
 */
function tsArgs(project, entry, args = []) {
  return { command: process.execPath, args: ['-r', '@swc-node/register', join(root, project, entry), ...args], cwd: join(root, project) };
}

/** @param {string} name @param {Command} command @returns {Promise<void>} */
function runToEnd(name, { command, args, cwd }) {
  return new Promise((resolve, reject) => {
    log(`${name}…`);
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    children.add(child);
    child.on('exit', (code, signal) => {
      children.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${name} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** @param {string} name @param {Command} command */
function runForever(name, { command, args, cwd }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  /** @param {import('node:stream').Readable} stream @param {NodeJS.WriteStream} out */
  const prefix = (stream, out) => {
    let rest = '';
    stream.on('data', (/** @type {Buffer} */ chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) out.write(`\x1b[2m[${name}]\x1b[0m ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      log(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void stop(1);
    }
  });
  log(`${name} started (pid ${child.pid})`);
  return child;
}

async function stop(exitCode = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  const exits = [...children].map(
    (child) =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  );
  await Promise.all(exits);
  log('all processes stopped (the Kafka broker stays up: npm run infra:down stops it)');
  process.exit(exitCode);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

async function main() {
  await runToEnd('infra up', { command: 'npm', args: ['run', '--silent', 'infra:up'], cwd: root });
  const pipeline = (/** @type {string[]} */ ...args) => tsArgs('apps/pipeline', 'src/main.ts', args);
  await runToEnd('migrate', pipeline('migrate'));
  await runToEnd('seed products', pipeline('seed', '--from', history));
  await runToEnd('backfill baseline and inventory from the bundled history', pipeline('backfill', '--from', history));
  if (stopping) return;
  runForever('stream', pipeline('stream', '--trigger', '500ms'));
  runForever('simulate', pipeline('simulate', '--rate', rate, '--skus', '300', '--malformed', '0.002'));
  // The bot's nightly baseline job runs the pipeline's batch baseline query over the same history.
  env.BASELINE_COMMAND ??= [
    process.execPath,
    '-r',
    '@swc-node/register',
    join(root, 'apps/pipeline/src/main.ts'),
    'backfill',
    '--from',
    history,
    '--only',
    'baseline',
  ]
    .map((part) => JSON.stringify(part))
    .join(' ');
  /** @type {Record<string, import('node:child_process').ChildProcess>} */
  const started = {};
  /** @type {[string, string][]} */
  const apps = [
    ['api', 'apps/api'],
    ['bot', 'apps/pricing-bot'],
  ];
  for (const [name, project] of apps) {
    if (existsSync(join(root, project, 'src/main.ts'))) started[name] = runForever(name, tsArgs(project, 'src/main.ts'));
    else log(`${name}: ${project}/src/main.ts not found, skipped`);
  }
  const api = started.api;
  if (!api) return;
  // The address only once the API serves the dashboard (127.0.0.1: Node may resolve localhost to ::1).
  const base = `http://127.0.0.1:${port}`;
  await waitForHttp(`${base}/`, { timeoutMs: Infinity, isAlive: () => !stopping && api.exitCode === null && api.signalCode === null });
  log(`dashboard: ${base}/   API docs: ${base}/docs   (Ctrl-C stops everything)`);
}

main().catch((error) => {
  if (stopping) return; // a child's exit already stopped everything and said why
  console.error(`start: ${error.message}`);
  void stop(1);
});
