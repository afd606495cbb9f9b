import { createServer } from 'node:net';

/** A TCP port free right now on 127.0.0.1 (for METRICS_PORT in tests and tools). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
