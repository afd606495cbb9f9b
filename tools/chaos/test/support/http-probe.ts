// HTTP helpers for the API process: a free port, and polling /health until it answers 200.
import { createServer } from 'node:net';
import { waitFor } from './wait';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves when GET /health answers 200 (all dependencies up). */
export async function waitHealthy(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `${baseUrl}/health to answer 200`,
    async () => {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(3000) });
      await res.text();
      return res.status === 200 ? true : undefined;
    },
    timeoutMs,
    100,
  );
}
