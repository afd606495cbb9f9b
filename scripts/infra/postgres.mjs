// PostgreSQL: use the server at DATABASE_URL when it answers; otherwise start a local one (a stopped
// Debian cluster on that port, or a fresh initdb under .infra/postgres), then make sure the
// database named in DATABASE_URL exists.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { readRecord, removeRecord, run, tryOutput, waitUntil, which, writeRecord } from './processes.mjs';
import { INFRA_DIR, InfraError, isLoopback, urlFromEnv } from './settings.mjs';

const NAME = 'postgres';
const DATA_DIR = path.join(INFRA_DIR, 'postgres', 'data');
const INSTALL_HINT = 'apt-get install -y postgresql';

function target() {
  const url = urlFromEnv('DATABASE_URL', ['postgres:', 'postgresql:']);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  return { url, database, host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username || 'postgres') };
}

/** A client on the maintenance database `postgres` with DATABASE_URL's credentials. */
function maintenanceClient() {
  const { url } = target();
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
}

/** True when a server answers at DATABASE_URL, even if it then refuses our credentials. */
export async function postgresAnswers() {
  const client = maintenanceClient();
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    // A server replied if it sent a SQLSTATE (other than 57P03, still starting up) or asked for a
    // password we do not have (pg fails client-side on SCRAM without one).
    const { code, message } = /** @type {{ code?: unknown, message: string }} */ (error);
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code !== '57P03';
    return /SASL|password/i.test(message);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase() {
  const { database } = target();
  const client = maintenanceClient();
  try {
    await client.connect();
  } catch (error) {
    throw new InfraError(
      'INFRA_POSTGRES_AUTH',
      `PostgreSQL answers but refused DATABASE_URL's user: ${/** @type {Error} */ (error).message}. Use trust auth for 127.0.0.1 or put the password in DATABASE_URL.`,
    );
  }
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount) return false;
    await client.query(`create database ${pg.escapeIdentifier(database)}`);
    return true;
  } catch (error) {
    // Two concurrent infra:up runs may race to create it.
    if (/** @type {{ code?: string }} */ (error).code === '42P04') return false;
    throw error;
  } finally {
    await client.end();
  }
}

/** A Debian cluster (pg_lsclusters) configured for `port` that is down, if any. */
function stoppedDebianCluster(/** @type {number} */ port) {
  const json = tryOutput('pg_lsclusters', ['-j']);
  if (!json) return null;
  /** @type {{ port: string, cluster: string, version: number, running?: number }[]} */
  const clusters = JSON.parse(json);
  const found = clusters.find((c) => Number(c.port) === port && !c.running);
  return found ? { version: String(found.version), cluster: found.cluster } : null;
}

/** Directory holding initdb and pg_ctl: PATH first, else the newest /usr/lib/postgresql/<v>/bin. */
function postgresBinDir() {
  const onPath = which('initdb');
  if (onPath && which('pg_ctl')) return path.dirname(fs.realpathSync(onPath));
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  const [newest] = versions;
  return newest === undefined ? null : path.join(base, newest, 'bin');
}

/** initdb refuses to run as root: run the server as the `postgres` OS user then. */
function asServerUser(/** @type {string} */ binary, /** @type {string[]} */ args) {
  if (os.userInfo().uid !== 0) return { command: binary, args };
  if (!tryOutput('id', ['-u', 'postgres']))
    throw new InfraError('INFRA_POSTGRES_USER', 'Running as root but there is no `postgres` OS user to own the data directory');
  return { command: 'runuser', args: ['-u', 'postgres', '--', binary, ...args] };
}

async function startLocalServer() {
  const { port, user, host } = target();
  const cluster = stoppedDebianCluster(port);
  if (cluster) {
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', cluster.version, cluster.cluster, 'start'], { code: 'INFRA_POSTGRES_START' });
    writeRecord(NAME, { how: 'pg_ctlcluster', ...cluster });
    return `started Debian cluster ${cluster.version}/${cluster.cluster}`;
  }
  const bin = postgresBinDir();
  if (!bin) throw new InfraError('INFRA_MISSING_TOOL', `No PostgreSQL answers at ${host}:${port} and no server binaries are installed: ${INSTALL_HINT}`);
  const runAs = os.userInfo().uid === 0 ? 'postgres' : null;
  if (!fs.existsSync(path.join(DATA_DIR, 'PG_VERSION'))) {
    fs.mkdirSync(DATA_DIR, { recursive: true });
    if (runAs) await run('chown', ['-R', `${runAs}:`, path.dirname(DATA_DIR)], { code: 'INFRA_POSTGRES_INIT' });
    const init = asServerUser(path.join(bin, 'initdb'), ['-D', DATA_DIR, '-U', user, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    await run(init.command, init.args, { code: 'INFRA_POSTGRES_INIT' });
  }
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${DATA_DIR}`;
  const start = asServerUser(path.join(bin, 'pg_ctl'), ['-D', DATA_DIR, '-l', path.join(path.dirname(DATA_DIR), 'server.log'), '-o', options, '-w', 'start']);
  await run(start.command, start.args, { code: 'INFRA_POSTGRES_START' });
  writeRecord(NAME, { how: 'pg_ctl', dataDir: DATA_DIR, runAs });
  return `started a local server from ${bin} in ${DATA_DIR}`;
}

export async function postgresUp() {
  const { host, port, database } = target();
  let detail = 'already answering';
  if (!(await postgresAnswers())) {
    if (!isLoopback(host))
      throw new InfraError('INFRA_POSTGRES_UNREACHABLE', `No PostgreSQL answers at ${host}:${port} and infra:up only starts local servers`);
    detail = await startLocalServer();
    if (!(await waitUntil(postgresAnswers, 30_000, 300)))
      throw new InfraError('INFRA_POSTGRES_TIMEOUT', `PostgreSQL did not answer at ${host}:${port} within 30 s`);
  }
  const created = await ensureDatabase();
  return `${detail}; database "${database}" ${created ? 'created' : 'exists'}`;
}

export async function postgresStatus() {
  const record = readRecord(NAME);
  return { answers: await postgresAnswers(), owner: record ? `started by infra:up (${record.how})` : 'external or not running' };
}

/** Stops the server only if infra:up started it; `clean` also deletes .infra/postgres once stopped. */
export async function postgresDown(clean = false) {
  const record = readRecord(NAME);
  const message = record ? await stopRecorded(record) : 'not started by infra:up; left alone';
  if (clean && fs.existsSync(DATA_DIR) && !fs.existsSync(path.join(DATA_DIR, 'postmaster.pid'))) {
    fs.rmSync(path.dirname(DATA_DIR), { recursive: true, force: true });
    return `${message}; data deleted`;
  }
  return message;
}

async function stopRecorded(/** @type {import('./processes.mjs').StartRecord} */ record) {
  if (record.how === 'pg_ctlcluster') {
    await run('pg_ctlcluster', ['--skip-systemctl-redirect', record.version, record.cluster, 'stop'], { code: 'INFRA_POSTGRES_STOP' });
  } else if (record.how === 'pg_ctl') {
    const bin = postgresBinDir();
    if (bin && fs.existsSync(path.join(record.dataDir, 'postmaster.pid'))) {
      const stop = asServerUser(path.join(bin, 'pg_ctl'), ['-D', record.dataDir, '-m', 'fast', '-w', 'stop']);
      await run(stop.command, stop.args, { code: 'INFRA_POSTGRES_STOP' });
    }
  }
  removeRecord(NAME);
  return `stopped (${record.how})`;
}
