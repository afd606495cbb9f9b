// Small process helpers: records of what infra:up started (.infra/<name>.json), liveness checks
// that confirm a pid still belongs to the process we started, and command runners.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { INFRA_DIR, InfraError } from './settings.mjs';

/** @typedef {{ how: 'pid', pid: number, marker: string } | { how: 'pg_ctl', dataDir: string, runAs: string | null } | { how: 'pg_ctlcluster', version: string, cluster: string }} StartRecord */

const recordPath = (/** @type {string} */ name) => path.join(INFRA_DIR, `${name}.started.json`);

/** @param {string} name @returns {StartRecord | null} */
export function readRecord(name) {
  try {
    return JSON.parse(fs.readFileSync(recordPath(name), 'utf8'));
  } catch {
    return null;
  }
}

/** @param {string} name @param {StartRecord} record */
export function writeRecord(name, record) {
  fs.mkdirSync(INFRA_DIR, { recursive: true });
  fs.writeFileSync(recordPath(name), JSON.stringify({ ...record, startedAt: new Date().toISOString() }, null, 2));
}

/** @param {string} name */
export function removeRecord(name) {
  fs.rmSync(recordPath(name), { force: true });
}

/** True when `pid` is alive and its command line contains `marker` (guards against pid reuse). */
export function isOurProcess(/** @type {number} */ pid, /** @type {string} */ marker) {
  try {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    return cmdline.includes(marker);
  } catch {
    return false;
  }
}

export const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends SIGTERM, waits up to `graceMs`, then SIGKILL. Only for a pid confirmed by isOurProcess. */
export async function stopPid(/** @type {number} */ pid, /** @type {string} */ marker, graceMs = 30_000) {
  if (!isOurProcess(pid, marker)) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isOurProcess(pid, marker)) return true;
    await sleep(200);
  }
  process.kill(pid, 'SIGKILL');
  return true;
}

/** Resolves true when a TCP connection to host:port opens within `timeoutMs`. */
export function tcpOpen(/** @type {string} */ host, /** @type {number} */ port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls `probe` until it resolves true or the deadline passes. */
export async function waitUntil(/** @type {() => Promise<boolean>} */ probe, /** @type {number} */ timeoutMs, intervalMs = 250) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await sleep(intervalMs);
  }
  return false;
}

/** Absolute path of an executable on PATH, or null. */
export function which(/** @type {string} */ command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Runs a command to completion; throws an InfraError with its output when it fails. */
export function run(/** @type {string} */ command, /** @type {string[]} */ args, /** @type {{ code: string, cwd?: string }} */ options) {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const output = `${stdout}${stderr}`.trim().split('\n').slice(-30).join('\n');
        reject(new InfraError(options.code, `${command} ${args.join(' ')} failed (${error.code ?? error.signal}):\n${output}`));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** Runs a command synchronously and returns its stdout, or null when it fails or is missing. */
export function tryOutput(/** @type {string} */ command, /** @type {string[]} */ args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : null;
}
