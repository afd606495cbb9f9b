// Benchmark (`npx nx run api:bench`): GET /api/v1/inventory/:sku under autocannon at concurrency 50,
// and broadcast delay (commit -> client receipt) of inventory.updated to 500 socket.io clients.
// Real Postgres on a fresh database; the API runs in a child process. Writes bench-results/api.json.
import { createTestDatabase } from '@shelfstream/postgres-connector/testing';
import { encodeInventoryUpdated, INVENTORY_UPDATED_CHANNEL, runMigrations } from '@shelfstream/db';
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { seedBench } from './seed-bench';

const SKUS = Number(process.env.BENCH_SKUS ?? 10_000);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 15);
const CLIENTS = 500;
const BROADCASTS = Number(process.env.BENCH_BROADCASTS ?? 40);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function startServer(databaseUrl: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'serve.ts')], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, DATABASE_URL: databaseUrl, SOCKET_MAX_BUFFERED_PACKETS: '1000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`API exited with ${code}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      const m = /listening (\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

/** Requests every SKU once (fills the SKU cache when it is on; warms the pg pool and JIT either way). */
async function warmUp(url: string, skus: string[]): Promise<void> {
  let i = 0;
  await autocannon({
    url,
    connections: CONNECTIONS,
    amount: skus.length,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/api/v1/inventory/${skus[i++ % skus.length]}` }) }],
  });
}

/** CPU seconds the API process has used (its own Prometheus counter). */
async function serverCpuSeconds(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^shelfstream_api_process_cpu_seconds_total (\S+)$/m.exec(text)?.[1] ?? Number.NaN);
}

/** Upper bucket bound holding the p-th percentile of the API's notification -> emit histogram. */
async function serverNotifyToEmitMs(url: string, p: number): Promise<number | null> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const buckets = [...text.matchAll(/^shelfstream_api_notification_to_emit_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)].map((m) => ({
    le: Number(m[1]),
    n: Number(m[2]),
  }));
  const total = buckets.at(-1)?.n ?? 0;
  const hit = buckets.find((b) => b.n >= total * (p / 100));
  return total && hit ? hit.le * 1000 : null;
}

/** Uniformly random SKUs for DURATION_S seconds. */
async function lookupBench(url: string, skus: string[]) {
  const cpuBefore = await serverCpuSeconds(url);
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [{ setupRequest: (req) => ({ ...req, path: `/api/v1/inventory/${skus[Math.floor(Math.random() * skus.length)]}` }) }],
  });
  const cpuPerRequestUs = (((await serverCpuSeconds(url)) - cpuBefore) / result.requests.total) * 1e6;
  return {
    requestsPerSecond: Math.round(result.requests.average),
    // Machine-load-independent view: API CPU per request, and what one fully free core would sustain.
    serverCpuPerRequestUs: Math.round(cpuPerRequestUs),
    requestsPerSecondPerFreeCore: Math.round(1e6 / cpuPerRequestUs),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function broadcastBench(url: string, pg: Client, skus: string[]) {
  const clients: Socket[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    await socket.emitWithAck('subscribe', { all: true });
    clients.push(socket);
  }
  const delays: number[] = [];
  let committedAt = 0;
  let expected = 0;
  let batchReceived: (() => void) | undefined;
  let receivedThisBatch = 0;
  for (const socket of clients) {
    socket.on('inventory.updated', (e: { rows: { batchId: number }[] }) => {
      if (!e.rows.some((r) => r.batchId === expected)) return;
      delays.push(performance.now() - committedAt);
      if (++receivedThisBatch === CLIENTS) batchReceived?.();
    });
  }
  for (let b = 0; b < BROADCASTS; b++) {
    expected = 1000 + b;
    receivedThisBatch = 0;
    const done = new Promise<void>((resolve) => (batchReceived = resolve));
    const sku = skus[(b * 7919) % skus.length];
    await pg.query('BEGIN');
    await pg.query('UPDATE live_inventory SET on_hand = on_hand - 1, batch_id = $1, updated_at = now() WHERE sku = $2', [expected, sku]);
    await pg.query('SELECT pg_notify($1, $2)', [INVENTORY_UPDATED_CHANNEL, encodeInventoryUpdated(expected, 'bench', [sku])]);
    committedAt = performance.now();
    await pg.query('COMMIT');
    await Promise.race([done, new Promise((r) => setTimeout(r, 5000))]);
    await new Promise((r) => setTimeout(r, 300)); // wider than the coalescing interval: measure delivery, not coalescing
  }
  for (const s of clients) s.close();
  delays.sort((a, b) => a - b);
  return {
    // Server side only (notification received -> emitted to all sockets), bucket bounds.
    serverNotifyToEmitMs: { p50: await serverNotifyToEmitMs(url, 50), p99: await serverNotifyToEmitMs(url, 99) },
    clients: CLIENTS,
    broadcasts: BROADCASTS,
    samples: delays.length,
    expectedSamples: CLIENTS * BROADCASTS,
    delayMs: { p50: +percentile(delays, 50).toFixed(1), p99: +percentile(delays, 99).toFixed(1), max: +delays[delays.length - 1].toFixed(1) },
  };
}

async function main(): Promise<void> {
  const db = await createTestDatabase('api_bench');
  const pg = new Client({ connectionString: db.url });
  let server: ChildProcess | undefined;
  const stop = async () => {
    if (!server) return;
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    await exited;
    server = undefined;
  };
  try {
    await runMigrations(db.url);
    await pg.connect();
    console.log(`seeding ${SKUS} SKUs...`);
    const skus = await seedBench(pg, SKUS);
    const machine = { cpus: cpus().length, loadavg1mAtStart: +loadavg()[0].toFixed(2) };
    console.log('machine', machine);

    // Lookups without the SKU document cache: every request runs the one-round-trip SQL.
    let started = await startServer(db.url, { SKU_CACHE_TTL_MS: '0' });
    server = started.child;
    await warmUp(started.url, skus);
    console.log(`GET /api/v1/inventory/:sku (no cache), ${CONNECTIONS} connections, ${DURATION_S} s...`);
    const lookupUncached = await lookupBench(started.url, skus);
    console.log(lookupUncached);
    await stop();

    // Default config: documents cached until a commit notification names the SKU (TTL backstop 60 s).
    started = await startServer(db.url);
    server = started.child;
    await warmUp(started.url, skus);
    console.log(`GET /api/v1/inventory/:sku (cache warm), ${CONNECTIONS} connections, ${DURATION_S} s...`);
    const lookup = await lookupBench(started.url, skus);
    console.log(lookup);

    console.log(`broadcast to ${CLIENTS} socket.io clients, ${BROADCASTS} commits...`);
    const broadcast = await broadcastBench(started.url, pg, skus);
    console.log(broadcast);
    const out = join(__dirname, '..', '..', '..', 'bench-results');
    mkdirSync(out, { recursive: true });
    const result = {
      at: new Date().toISOString(),
      machine: { ...machine, loadavg1mAtEnd: +loadavg()[0].toFixed(2) },
      skus: SKUS,
      lookup,
      lookupUncached,
      broadcast,
    };
    writeFileSync(join(out, 'api.json'), JSON.stringify(result, null, 2));
    console.log(JSON.stringify(result)); // one line: `npm run bench` keeps it in its JSON
  } finally {
    await stop();
    await pg.end().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 500));
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
