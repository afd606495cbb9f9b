// Tracks how many packets wait in a socket's engine.io write buffer: packets are created and queued
// ('packetCreate') and handed to the transport only when it can write ('flush'). A client that does not
// read stops the flushes, so the count grows; past the bound the socket is dropped.
import type { Socket } from 'socket.io';

const PENDING = Symbol('pendingPackets');

type Tracked = Socket & { [PENDING]?: { count: number } };

export function trackBuffer(socket: Socket): void {
  const state = { count: 0 };
  (socket as Tracked)[PENDING] = state;
  socket.conn.on('packetCreate', () => {
    state.count += 1;
  });
  socket.conn.on('flush', () => {
    state.count = 0;
  });
}

export function pendingPackets(socket: Socket): number {
  return (socket as Tracked)[PENDING]?.count ?? 0;
}

/**
 * Disconnects at once, discarding unsent packets. A reader that stopped reading would also stall the
 * WebSocket close handshake (ws waits 30 s for it), so the underlying ws connection is terminated too.
 */
export function dropSocket(socket: Socket): void {
  const ws = (socket.conn.transport as unknown as { socket?: { terminate?: () => void } }).socket;
  socket.disconnect(true);
  socket.conn.close(true);
  ws?.terminate?.();
}
