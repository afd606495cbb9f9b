// Resolves a tools/<name>/pom.xml (packaging pom) into a flat folder of jars with Maven, once per
// pom content: a `.complete-<version>-<pom hash>` marker makes later calls free. Used for Kafka and Spark.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { run, which } from './processes.mjs';
import { InfraError } from './settings.mjs';

/** The value of <property> in a pom.xml. */
export function pomProperty(/** @type {string} */ pom, /** @type {string} */ property) {
  const [, value] = new RegExp(`<${property.replaceAll('.', '\\.')}>([^<]+)</${property.replaceAll('.', '\\.')}>`).exec(fs.readFileSync(pom, 'utf8')) ?? [];
  if (value === undefined) throw new InfraError('INFRA_POM', `${pom} has no <${property}>`);
  return value;
}

/**
 * @param {{ pom: string, versionProperty: string, libsDir: string, expectJar: (version: string) => string }} spec
 * @returns {Promise<{ version: string, downloadedMs: number, marker: string }>}
 */
export async function ensureMavenLibs({ pom, versionProperty, libsDir, expectJar }) {
  const version = pomProperty(pom, versionProperty);
  const pomHash = crypto.createHash('sha256').update(fs.readFileSync(pom)).digest('hex').slice(0, 12);
  const marker = path.join(libsDir, `.complete-${version}-${pomHash}`);
  if (fs.existsSync(marker)) return { version, downloadedMs: 0, marker };
  if (!which('mvn') || !which('java')) {
    throw new InfraError('INFRA_MISSING_TOOL', 'Java 17+ and Maven are needed: apt-get install -y openjdk-17-jdk-headless maven');
  }
  const started = Date.now();
  const staging = `${libsDir}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  await run(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      pom,
      'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies',
      `-DoutputDirectory=${staging}`,
      '-DincludeScope=runtime',
    ],
    { code: 'INFRA_MAVEN_DOWNLOAD' },
  );
  if (!fs.existsSync(path.join(staging, expectJar(version)))) {
    throw new InfraError('INFRA_MAVEN_DOWNLOAD', `Maven finished but ${expectJar(version)} is missing in ${staging}`);
  }
  fs.rmSync(libsDir, { recursive: true, force: true });
  fs.renameSync(staging, libsDir);
  fs.writeFileSync(marker, new Date().toISOString());
  return { version, downloadedMs: Date.now() - started, marker };
}
