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
