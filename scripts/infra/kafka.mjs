// A real single-node Apache Kafka broker (KRaft) from Maven Central jars: resolve the jars once
// into .kafka/libs, format .infra/kafka-<port>/data once, start the JVM detached, wait until kafkajs
// answers, create the standard topics.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { ensureMavenLibs } from './maven.mjs';
import { isOurProcess, readRecord, removeRecord, run, stopPid, tcpOpen, waitUntil, writeRecord } from './processes.mjs';
import { INFRA_DIR, InfraError, KAFKA_LIBS_DIR, KAFKA_TOOLS_DIR, STANDARD_TOPICS, env, isLoopback, kafkaAddress } from './settings.mjs';

const MAIN_CLASS = 'kafka.Kafka';
/** One broker per port: its record (.infra/kafka-<port>.started.json) and its folder (.infra/kafka-<port>/). */
const NAME = () => `kafka-${kafkaAddress().port}`;
const KAFKA_DIR = () => path.join(INFRA_DIR, NAME());
const READY_TIMEOUT_MS = 120_000;
const JVM_FLAGS = [
  '-Xms256m',
  '-Xmx768m',
  '-server',
  '-XX:+UseG1GC',
  '-XX:MaxGCPauseMillis=20',
  '-XX:InitiatingHeapOccupancyPercent=35',
  '-XX:+ExplicitGCInvokesConcurrent',
  '-XX:MaxInlineLevel=15',
  '-Djava.awt.headless=true',
];

function admin() {
  const kafka = new Kafka({
    clientId: 'shelfstream-infra',
    brokers: env('KAFKA_BROKERS')
      .split(',')
      .map((b) => b.trim()),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  });
  return kafka.admin();
}

/** True when the broker answers a metadata request. */
export async function kafkaAnswers() {
  const { host, port } = kafkaAddress();
  if (!(await tcpOpen(host, port))) return false;
  const client = admin();
  try {
    await client.connect();
    await client.describeCluster();
    return true;
  } catch {
    return false;
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}

/** Resolves the broker jars with Maven into .kafka/libs unless this version is already there. */
export function ensureKafkaJars() {
  return ensureMavenLibs({
    pom: path.join(KAFKA_TOOLS_DIR, 'pom.xml'),
    versionProperty: 'kafka.version',
    libsDir: KAFKA_LIBS_DIR,
    expectJar: (version) => `kafka_2.13-${version}.jar`,
  });
}

/** server.properties from tools/kafka with this machine's listener, controller port and data dir. */
function writeServerProperties() {
  const { host, port } = kafkaAddress();
  const controller = `${host}:${port + 1}`;
  const lines = fs.readFileSync(path.join(KAFKA_TOOLS_DIR, 'server.properties'), 'utf8').split('\n');
  /** @type {Record<string, string>} */
  const overrides = {
    'controller.quorum.voters': `1@${controller}`,
    listeners: `PLAINTEXT://${host}:${port},CONTROLLER://${controller}`,
    'advertised.listeners': `PLAINTEXT://${host}:${port}`,
    'log.dirs': path.join(KAFKA_DIR(), 'data'),
  };
  const text = lines
    .map((line) => {
      const key = line.split('=')[0] ?? '';
      return key in overrides && !line.startsWith('#') ? `${key}=${overrides[key]}` : line;
    })
    .join('\n');
  const file = path.join(KAFKA_DIR(), 'server.properties');
  fs.writeFileSync(file, text);
  return file;
}

function logOptions() {
  return [`-Dlog4j.configuration=file:${path.join(KAFKA_TOOLS_DIR, 'log4j.properties')}`, `-Dkafka.logs.dir=${path.join(KAFKA_DIR(), 'logs')}`];
}

async function formatStorageOnce(/** @type {string} */ config) {
  if (fs.existsSync(path.join(KAFKA_DIR(), 'data', 'meta.properties'))) return;
  let clusterId = crypto.randomBytes(16).toString('base64url');
  while (clusterId.startsWith('-')) clusterId = crypto.randomBytes(16).toString('base64url');
  await run('java', [...logOptions(), '-cp', `${KAFKA_LIBS_DIR}/*`, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config, '--ignore-formatted'], {
    code: 'INFRA_KAFKA_FORMAT',
  });
}

function tailOfLog(/** @type {string} */ file, lines = 25) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Makes a broker answer at KAFKA_BROKERS (starting ours when needed) and creates the standard topics. */
export async function kafkaUp() {
  const { host, port } = kafkaAddress();
  const record = readRecord(NAME());
  let detail;
  if (await kafkaAnswers()) {
    detail =
      record?.how === 'pid' && isOurProcess(record.pid, MAIN_CLASS) ? `already running (pid ${record.pid})` : 'already answering (not started by infra:up)';
  } else {
    if (!isLoopback(host))
      throw new InfraError('INFRA_KAFKA_UNREACHABLE', `No broker answers at ${host}:${port} and infra:up only starts brokers on 127.0.0.1`);
    if (record?.how === 'pid' && isOurProcess(record.pid, MAIN_CLASS)) {
      detail = `was starting (pid ${record.pid})`;
    } else {
      const jars = await ensureKafkaJars();
      fs.mkdirSync(path.join(KAFKA_DIR(), 'logs'), { recursive: true });
      const config = writeServerProperties();
      await formatStorageOnce(config);
      const logFile = path.join(KAFKA_DIR(), 'logs', 'broker.out');
      const out = fs.openSync(logFile, 'a');
      const child = spawn('java', [...JVM_FLAGS, ...logOptions(), '-cp', `${KAFKA_LIBS_DIR}/*`, MAIN_CLASS, config], {
        detached: true,
        stdio: ['ignore', out, out],
      });
      fs.closeSync(out);
      child.unref();
      writeRecord(NAME(), { how: 'pid', pid: /** @type {number} */ (child.pid), marker: MAIN_CLASS });
      detail = `started Kafka ${jars.version} (pid ${child.pid}${jars.downloadedMs ? `, jars downloaded in ${(jars.downloadedMs / 1000).toFixed(1)} s` : ''})`;
      const pid = /** @type {number} */ (child.pid);
      const ready = await waitUntil(
        async () => {
          if (!isOurProcess(pid, MAIN_CLASS))
            throw new InfraError('INFRA_KAFKA_EXITED', `The broker exited during start-up. ${logFile}:\n${tailOfLog(logFile)}`);
          return kafkaAnswers();
        },
        READY_TIMEOUT_MS,
        500,
      );
      if (!ready)
        throw new InfraError('INFRA_KAFKA_TIMEOUT', `The broker did not answer within ${READY_TIMEOUT_MS / 1000} s. ${logFile}:\n${tailOfLog(logFile)}`);
    }
    if (!(await waitUntil(kafkaAnswers, READY_TIMEOUT_MS, 500))) throw new InfraError('INFRA_KAFKA_TIMEOUT', `The broker did not answer at ${host}:${port}`);
  }
  const created = await ensureStandardTopics();
  return `${detail}${created.length ? `; created topics ${created.join(', ')}` : ''}`;
}

/** Creates any missing standard topic; returns the names it created. */
export async function ensureStandardTopics() {
  const client = admin();
  await client.connect();
  try {
    const existing = new Set(await client.listTopics());
    const missing = STANDARD_TOPICS.filter((t) => !existing.has(t.topic)).map((t) => ({ ...t, replicationFactor: 1 }));
    if (missing.length > 0) await client.createTopics({ topics: missing, waitForLeaders: true });
    return missing.map((t) => t.topic);
  } finally {
    await client.disconnect();
  }
}

export async function kafkaStatus() {
  const record = readRecord(NAME());
  const ours = record?.how === 'pid' && isOurProcess(record.pid, MAIN_CLASS);
  return { answers: await kafkaAnswers(), owner: ours ? `started by infra:up, pid ${record.pid}` : 'external or not running' };
}

/** Stops the broker only if infra:up started it; `clean` also deletes its data. */
export async function kafkaDown(clean = false) {
  const record = readRecord(NAME());
  let message = 'not started by infra:up; left alone';
  if (record?.how === 'pid') {
    message = (await stopPid(record.pid, MAIN_CLASS)) ? `stopped pid ${record.pid}` : 'was not running';
    removeRecord(NAME());
  }
  if (clean && fs.existsSync(KAFKA_DIR())) {
    fs.rmSync(KAFKA_DIR(), { recursive: true, force: true });
    message += '; data deleted';
  }
  return message;
}
