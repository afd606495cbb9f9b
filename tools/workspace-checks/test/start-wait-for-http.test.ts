// `npm start` prints the dashboard address only once the API answers (scripts/start/wait-for-http.mjs).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

type WaitForHttp = (url: string, options?: { isAlive?: () => boolean; intervalMs?: number; timeoutMs?: number }) => Promise<void>;
const root = path.resolve(__dirname, '../../..');
const load = async () => ((await import(pathToFileURL(path.join(root, 'scripts/start/wait-for-http.mjs')).href)) as { waitForHttp: WaitForHttp }).waitForHttp;

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server on 127.0.0.1 that answers 503 to its first `unavailable` requests, then 200. */
async function server(unavailable: number): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const s = http.createServer((_req, res) => {
    requests += 1;
    res.writeHead(requests <= unavailable ? 503 : 200).end();
  });
  servers.push(s);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}/`, requests: () => requests };
}

describe('waitForHttp', () => {
  it('resolves only after the first 2xx answer', async () => {
    const waitForHttp = await load();
    const api = await server(3);
    await waitForHttp(api.url, { intervalMs: 10 });
    expect(api.requests()).toBe(4);
  });

  it('rejects once the serving process is gone, without an answer', async () => {
    const waitForHttp = await load();
    const api = await server(Number.MAX_SAFE_INTEGER);
    let polls = 0;
    await expect(waitForHttp(api.url, { intervalMs: 10, isAlive: () => ++polls <= 3 })).rejects.toThrow(/gone \(last: 503\)/);
    expect(api.requests()).toBe(3);
  });

  it('rejects after its time limit when nothing listens', async () => {
    const waitForHttp = await load();
    const closed = await server(0);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    await expect(waitForHttp(closed.url, { intervalMs: 10, timeoutMs: 50 })).rejects.toThrow(/did not answer 2xx in 0.05 s \(last: no answer\)/);
  });
});
