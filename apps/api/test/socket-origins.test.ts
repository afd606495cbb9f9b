// The socket.io feed accepts browsers from its own origin and SOCKET_CORS_ORIGINS only (issue 11).
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './support/test-api';

const ALLOWED = 'https://shop.example';

/** A WebSocket handshake sent with `origin`, as a browser page on that origin would send it. */
function handshake(url: string, origin: string | undefined): Promise<string> {
  return new Promise((resolve) => {
    const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: origin ? { origin } : {} });
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', (e) => {
      socket.close();
      resolve(e.message);
    });
  });
}

describe('socket.io origins', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi('api_socket_origins', { SOCKET_CORS_ORIGINS: `${ALLOWED},http://localhost:5173` });
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('sends CORS headers to a listed origin only', async () => {
    const poll = (origin: string) => fetch(`${api.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    const listed = await poll(ALLOWED);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    const other = await poll('https://evil.example');
    expect(other.status).toBe(403);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a WebSocket handshake from another origin, accepts listed, own and origin-less clients', async () => {
    expect(await handshake(api.url, 'https://evil.example')).not.toBe('connected');
    expect(await handshake(api.url, 'https://shop.example.evil.example')).not.toBe('connected');
    expect(await handshake(api.url, ALLOWED)).toBe('connected');
    expect(await handshake(api.url, api.url)).toBe('connected');
    expect(await handshake(api.url, undefined)).toBe('connected');
  });
});
