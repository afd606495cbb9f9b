// docker/ stays in step with the workspace: every Dockerfile installs every workspace manifest (npm ci
// needs them all), builds its app's bundle and runs it on production dependencies only; compose.yml uses our Kafka version and topic list.
// When a Compose client is installed, `config` must also accept the file (no Docker engine needed).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const apps = ['api', 'pipeline', 'pricing-bot'];
const compose = read('docker/compose.yml');
const services = (parse(compose, { merge: true }) as { services: Record<string, { build?: { dockerfile?: string } }> }).services;

function workspaceManifests(): string[] {
  return ['libs', 'apps'].flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir))
      .map((name) => `${dir}/${name}/package.json`)
      .filter((file) => fs.existsSync(path.join(root, file))),
  );
}

function composeClient(): string[] | null {
  if (spawnSync('docker', ['compose', 'version']).status === 0) return ['docker', 'compose'];
  if (spawnSync('docker-compose', ['version']).status === 0) return ['docker-compose'];
  return null;
}

describe.each(apps)('docker/%s.Dockerfile', (app) => {
  const dockerfile = read(`docker/${app}.Dockerfile`);

  it('is multi-stage and installs from the lock with npm ci', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
  });

  it('copies every workspace package.json before installing, and only files that exist', () => {
    const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    expect(copies).toEqual(expect.arrayContaining(workspaceManifests()));
    for (const source of copies) expect(fs.existsSync(path.join(root, source)), source).toBe(true);
  });

  it("builds the app's bundle in the build stage and runs it with plain node, as user node", () => {
    // (the pipeline's subcommands are checked against its CLI in apps/pipeline/test/cli-invocations.test.ts;
    // the bundle itself in production-build.test.ts)
    const [build, runtime] = dockerfile.split(/^FROM .* AS runtime$/m);
    expect(build).toMatch(new RegExp(`^RUN node scripts/build/build-app\\.mjs ${app}$`, 'm'));
    expect(runtime).toMatch(new RegExp(`^RUN npm ci --omit=dev --workspace apps/${app} --include-workspace-root=false\\b`, 'm'));
    expect(runtime).toContain(`COPY --from=build /app/dist/apps/${app} ./dist/apps/${app}`);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(new RegExp(`^CMD \\["node", "dist/apps/${app}/main\\.js"[\\],]`, 'm'));
    expect(runtime).not.toMatch(/swc-node|COPY (libs|apps\/[^/ ]+) /);
    expect(fs.existsSync(path.join(root, 'scripts/build/build-app.mjs'))).toBe(true);
  });

  it('is the one compose.yml builds for the app', () => {
    expect(services[app]?.build?.dockerfile).toBe(`docker/${app}.Dockerfile`);
  });
});

describe('docker/compose.yml', () => {
  it('runs the Kafka version that infra:up runs, with auto-create off', () => {
    const version = /<kafka\.version>([^<]+)</.exec(read('tools/kafka/pom.xml'))?.[1];
    const images = [...compose.matchAll(/image: apache\/kafka:(\S+)/g)].map((m) => m[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([version]));
    expect(compose).toContain('KAFKA_AUTO_CREATE_TOPICS_ENABLE: "false"');
  });

  it('creates the same standard topics as infra:up', async () => {
    const settings = (await import(pathToFileURL(path.join(root, 'scripts/infra/settings.mjs')).href)) as {
      STANDARD_TOPICS: { topic: string; numPartitions: number }[];
    };
    const specs = /for spec in ([^;]+);/.exec(compose)?.[1].trim().split(/\s+/);
    expect(specs).toEqual(settings.STANDARD_TOPICS.map((t) => `${t.topic}:${t.numPartitions}`));
  });

  it('gives the apps the variables documented in .env.example', () => {
    const documented = [...read('.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]);
    expect(documented).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL']));
    for (const name of ['KAFKA_BROKERS', 'DATABASE_URL', 'REDIS_URL']) expect(compose).toMatch(new RegExp(`^    ${name}: \\S+`, 'm'));
  });

  it.skipIf(composeClient() === null)('is accepted by the Compose client', () => {
    const [command, ...args] = composeClient() ?? [];
    const result = spawnSync(command, [...args, '-f', path.join(root, 'docker/compose.yml'), 'config', '-q'], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
