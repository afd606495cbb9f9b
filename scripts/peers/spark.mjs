// Apache Spark as a benchmark peer: jars from Maven Central into .spark/libs (tools/spark/pom.xml),
// tools/spark/src compiled into .spark/classes, and a runner that starts SparkPeer in its own JVM and
// hands back the JSON figures it prints (one object per stdout line).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureMavenLibs } from '../infra/maven.mjs';
import { run, which } from '../infra/processes.mjs';
import { InfraError, ROOT } from '../infra/settings.mjs';

const SPARK_DIR = path.join(ROOT, '.spark');
const LIBS_DIR = path.join(SPARK_DIR, 'libs');
const CLASSES_DIR = path.join(SPARK_DIR, 'classes');
const TOOLS_DIR = path.join(ROOT, 'tools', 'spark');
const SOURCES_DIR = path.join(TOOLS_DIR, 'src');

/** What Spark's launcher adds on Java 17 (JavaModuleOptions); a plain `java -cp` run needs them too. */
export const SPARK_JVM_FLAGS = [
  '-XX:+IgnoreUnrecognizedVMOptions',
  '--add-modules=jdk.incubator.vector',
  ...[
    'java.lang',
    'java.lang.invoke',
    'java.lang.reflect',
    'java.io',
    'java.net',
    'java.nio',
    'java.util',
    'java.util.concurrent',
    'java.util.concurrent.atomic',
    'jdk.internal.ref',
    'sun.nio.ch',
    'sun.nio.cs',
    'sun.security.action',
    'sun.util.calendar',
  ].map((pkg) => `--add-opens=java.base/${pkg}=ALL-UNNAMED`),
  '--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED',
  '-Djdk.reflect.useDirectMethodHandle=false',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

function javaSources() {
  /** @type {string[]} */
  const files = [];
  const walk = (/** @type {string} */ dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.java')) files.push(full);
    }
  };
  walk(SOURCES_DIR);
  return files;
}

/** Fetches the jars (once per Spark version) and compiles SparkPeer when a source changed. */
export async function ensureSpark() {
  const jars = await ensureMavenLibs({
    pom: path.join(TOOLS_DIR, 'pom.xml'),
    versionProperty: 'spark.version',
    libsDir: LIBS_DIR,
    expectJar: (version) => `spark-sql_2.13-${version}.jar`,
  });
  const sources = javaSources();
  const marker = path.join(CLASSES_DIR, '.compiled');
  const compiledAt = fs.existsSync(marker) ? fs.statSync(marker).mtimeMs : 0;
  let compiledMs = 0;
  if (sources.some((file) => fs.statSync(file).mtimeMs > compiledAt) || fs.statSync(jars.marker).mtimeMs > compiledAt) {
    if (!which('javac')) throw new InfraError('INFRA_MISSING_TOOL', 'Compiling the Spark peer needs a JDK: apt-get install -y openjdk-17-jdk-headless');
    const started = Date.now();
    fs.rmSync(CLASSES_DIR, { recursive: true, force: true });
    fs.mkdirSync(CLASSES_DIR, { recursive: true });
    await run('javac', ['-d', CLASSES_DIR, '-cp', `${LIBS_DIR}/*`, ...sources], { code: 'PEER_COMPILE' });
    fs.writeFileSync(marker, new Date().toISOString());
    compiledMs = Date.now() - started;
  }
  return { version: jars.version, downloadedMs: jars.downloadedMs, compiledMs };
}

/**
 * Runs `SparkPeer <args>`; resolves with every JSON object it printed. Spark's own log goes to
 * .spark/logs/<mode>-<time>.log. `onFigures` sees each object as it arrives.
 * @param {string[]} args
 * @param {{ heap?: string, onFigures?: (figures: Record<string, unknown>) => void }} [options]
 * @returns {Promise<Record<string, unknown>[]>}
 */
export function runSparkPeer(args, options = {}) {
  const logDir = path.join(SPARK_DIR, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${args[0]}-${new Date().toISOString().replaceAll(':', '-')}.log`);
  const log = fs.openSync(logFile, 'w');
  const java = [
    `-Xmx${options.heap ?? process.env.SPARK_PEER_HEAP ?? '2g'}`,
    ...SPARK_JVM_FLAGS,
    `-Dlog4j2.configurationFile=file:${path.join(TOOLS_DIR, 'log4j2.properties')}`,
    '-cp',
    `${LIBS_DIR}/*${path.delimiter}${CLASSES_DIR}`,
    'dev.shelfstream.peers.SparkPeer',
    ...args,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('java', java, { stdio: ['ignore', 'pipe', log], env: { ...process.env, SPARK_LOCAL_IP: '127.0.0.1' } });
    /** @type {Record<string, unknown>[]} */
    const figures = [];
    let pending = '';
    const { stdout } = child;
    if (!stdout) return reject(new Error('spark: spawned without a stdout pipe'));
    stdout.on('data', (chunk) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line);
        figures.push(parsed);
        options.onFigures?.(parsed);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      fs.closeSync(log);
      if (code === 0) resolve(figures);
      else {
        const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
        reject(new InfraError('PEER_SPARK_FAILED', `SparkPeer ${args[0]} exited with ${code}; ${logFile}:\n${tail}`));
      }
    });
  });
}
