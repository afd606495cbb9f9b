import { io, type Socket } from 'socket.io-client';

/** A socket.io client that records every event it receives, with the time it arrived. */
export interface LiveClient {
  socket: Socket;
  received: { event: string; payload: unknown; at: number }[];
  waitFor<T>(event: string, predicate: (payload: T) => boolean, timeoutMs?: number): Promise<{ payload: T; at: number }>;
  close(): void;
}

export async function connectLive(url: string, subscription: Record<string, unknown>, auth?: Record<string, string>): Promise<LiveClient> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, ...(auth ? { auth } : {}) });
  const received: LiveClient['received'] = [];
  const waiters = new Set<() => void>();
  socket.onAny((event: string, payload: unknown) => {
    received.push({ event, payload, at: performance.now() });
    for (const w of waiters) w();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  const ack = (await socket.emitWithAck('subscribe', subscription)) as { ok: boolean; message?: string };
  if (!ack.ok) throw new Error(`subscribe refused: ${ack.message}`);
  return {
    socket,
    received,
    waitFor<T>(event: string, predicate: (payload: T) => boolean, timeoutMs = 5000) {
      return new Promise<{ payload: T; at: number }>((resolve, reject) => {
        const check = () => {
          const hit = received.find((r) => r.event === event && predicate(r.payload as T));
          if (!hit) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve({ payload: hit.payload as T, at: hit.at });
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no ${event} matching within ${timeoutMs} ms`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close: () => socket.close(),
  };
}
