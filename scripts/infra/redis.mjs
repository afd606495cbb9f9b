// Redis: use the server at REDIS_URL when it answers PING; otherwise start redis-server (daemonized,
// no persistence) with its pid file and log under .infra/redis.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isOurProcess, readRecord, removeRecord, run, stopPid, waitUntil, which, writeRecord } from './processes.mjs';
import { INFRA_DIR, InfraError, isLoopback, urlFromEnv } from './settings.mjs';

const NAME = 'redis';
const REDIS_DIR = path.join(INFRA_DIR, 'redis');
const MARKER = 'redis-server';

function target() {
  const url = urlFromEnv('REDIS_URL', ['redis:']);
  return { host: url.hostname, port: Number(url.port || 6379) };
}

/** True when the server replies to PING (+PONG, or an auth error, which still means it is up). */
export function redisAnswers(timeoutMs = 1000) {
  const { host, port } = target();
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (/** @type {boolean} */ ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(/^(\+PONG|-NOAUTH)/.test(data.toString())));
  });
}

export async function redisUp() {
  const { host, port } = target();
  if (await redisAnswers()) return 'already answering';
  if (!isLoopback(host)) throw new InfraError('INFRA_REDIS_UNREACHABLE', `No Redis answers at ${host}:${port} and infra:up only starts local servers`);
  const server = which('redis-server');
  if (!server)
    throw new InfraError('INFRA_MISSING_TOOL', `No Redis answers at ${host}:${port} and redis-server is not installed: apt-get install -y redis-server`);
  fs.mkdirSync(REDIS_DIR, { recursive: true });
  const pidFile = path.join(REDIS_DIR, 'redis.pid');
  await run(
    server,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--daemonize',
      'yes',
      '--pidfile',
      pidFile,
      '--dir',
      REDIS_DIR,
      '--logfile',
      path.join(REDIS_DIR, 'redis.log'),
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { code: 'INFRA_REDIS_START' },
  );
  if (!(await waitUntil(() => redisAnswers(), 15_000, 200)))
    throw new InfraError('INFRA_REDIS_TIMEOUT', `redis-server did not answer at ${host}:${port} within 15 s`);
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  writeRecord(NAME, { how: 'pid', pid, marker: MARKER });
  return `started redis-server (pid ${pid})`;
}

export async function redisStatus() {
  const record = readRecord(NAME);
  const ours = record?.how === 'pid' && isOurProcess(record.pid, MARKER);
  return { answers: await redisAnswers(), owner: ours ? `started by infra:up, pid ${record.pid}` : 'external or not running' };
}

/** Stops redis-server only if infra:up started it; `clean` also deletes .infra/redis. */
export async function redisDown(clean = false) {
  const record = readRecord(NAME);
  let message = 'not started by infra:up; left alone';
  if (record?.how === 'pid') {
    message = (await stopPid(record.pid, MARKER, 10_000)) ? `stopped pid ${record.pid}` : 'was not running';
    removeRecord(NAME);
  }
  if (!clean || !fs.existsSync(REDIS_DIR)) return message;
  fs.rmSync(REDIS_DIR, { recursive: true, force: true });
  return `${message}; data deleted`;
}
