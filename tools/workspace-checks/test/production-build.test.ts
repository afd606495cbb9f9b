// The production build (scripts/build/build-app.mjs, each app's `build` target, the Docker images' build
// stage) against the running services: every bundle runs with plain `node` (no register hook, no
// TypeScript), needs only the npm packages its app declares, and does its job: the pipeline CLI migrates
// a fresh database, the API serves health and the dashboard, the pricing bot's worker starts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type WaitForHttp = (url: string, options?: { isAlive?: () => boolean; intervalMs?: number; timeoutMs?: number }) => Promise<void>;
const root = path.resolve(__dirname, '../../..');
const apps = ['api', 'pipeline', 'pricing-bot'];
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/shelfstream';
const database = `build_check_${process.pid}`;
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).href;
/** The apps' environment without anything that could load TypeScript for them. */
const env = { ...process.env, DATABASE_URL: databaseUrl, NODE_OPTIONS: '', SWC_NODE_PROJECT: '' };
const bundle = (app: string) => path.join(root, 'dist/apps', app, 'main.js');
const children: ChildProcess[] = [];

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts a bundle; `output()` is everything it printed so far. */
function start(app: string, extraEnv: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [bundle(app)], { cwd: root, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  children.push(child);
  return { child, output: () => output };
}

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  const build = spawnSync(process.execPath, ['scripts/build/build-app.mjs', ...apps], { cwd: root, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
  await admin((client) => client.query(`create database ${database}`));
}, 60_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.filter((child) => child.exitCode === null).map((child) => new Promise((resolve) => child.once('exit', resolve))));
  await admin((client) => client.query(`drop database if exists ${database} with (force)`));
}, 30_000);

describe.each(apps)('dist/apps/%s', (app) => {
  it('is JavaScript with the workspace libraries bundled in and no register hook', () => {
    const code = fs.readFileSync(bundle(app), 'utf8');
    expect(code).not.toMatch(/@swc-node\/register|require\("@shelfstream\//);
    expect(code).toMatch(/_ts_metadata\d*\("design:type", /); // SWC's decorator metadata
    expect(fs.existsSync(`${bundle(app)}.map`)).toBe(true);
  });

  it("requires only npm packages the app's package.json declares in dependencies", () => {
    // (the Docker runtime stage installs exactly these: npm ci --omit=dev --workspace apps/<app>)
    const meta = JSON.parse(fs.readFileSync(path.join(root, 'dist/apps', app, 'meta.json'), 'utf8')) as {
      outputs: Record<string, { entryPoint?: string; imports: { path: string; external?: boolean }[] }>;
    };
    const imports = Object.values(meta.outputs).find((output) => output.entryPoint)?.imports ?? [];
    const name = (specifier: string) =>
      specifier
        .split('/')
        .slice(0, specifier.startsWith('@') ? 2 : 1)
        .join('/');
    const required = new Set(imports.filter((i) => i.external && !i.path.startsWith('node:')).map((i) => name(i.path)));
    const declared = Object.keys(
      (JSON.parse(fs.readFileSync(path.join(root, 'apps', app, 'package.json'), 'utf8')) as { dependencies?: object }).dependencies ?? {},
    );
    expect(required.size).toBeGreaterThan(0);
    expect([...required].filter((pkg) => !declared.includes(pkg))).toEqual([]);
  });
});

describe('the bundles against the running services', () => {
  it('pipeline: --help lists the commands and migrate applies every migration to a fresh database', () => {
    const help = spawnSync(process.execPath, [bundle('pipeline'), '--help'], { cwd: root, env, encoding: 'utf8' });
    expect(help.status, help.stderr).toBe(0);
    for (const command of ['migrate', 'seed', 'backfill', 'stream', 'simulate']) expect(help.stdout).toContain(`  ${command} `);
    const migrate = spawnSync(process.execPath, [bundle('pipeline'), 'migrate'], { cwd: root, env, encoding: 'utf8', timeout: 30_000 });
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(migrate.stdout).toMatch(/^applied: InitialSchema\d+/m);
  });

  it('api serves /health/live, the dashboard page and its assets; pricing-bot starts its worker', { timeout: 60_000 }, async () => {
    const waitForHttp = ((await import(pathToFileURL(path.join(root, 'scripts/start/wait-for-http.mjs')).href)) as { waitForHttp: WaitForHttp }).waitForHttp;
    const port = await freePort();
    const api = start('api', { PORT: String(port), HOST: '127.0.0.1' });
    const bot = start('pricing-bot', { QUEUE_PREFIX: `build-check-${process.pid}` });
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/health/live`, { isAlive: () => api.child.exitCode === null, timeoutMs: 45_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n${api.output()}`);
    });
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('</html>');
    for (const asset of ['app.js', 'app.css']) expect((await fetch(`${base}/assets/${asset}`)).status, asset).toBe(200);
    await until(() => /worker started/.test(bot.output()) || bot.child.exitCode !== null, 'the pricing bot');
    expect(bot.output()).toMatch(/pricing-bot: worker started/);
  });
});
