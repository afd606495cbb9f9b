import { Inject, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import { API_KEY_HEADER } from '../auth/api-key';
import { ApiKeyVerifier } from '../auth/api-key.verifier';
import { ApiConfig } from '../config/api-config';
import { ApiError } from '../errors/api-error';
import { MetricsService } from '../metrics/metrics.service';
import { dropSocket, pendingPackets, trackBuffer } from './slow-client';
import { describe, matches, parseSubscription, SubscriptionError, type SubscribeRequest, type Subscription } from './subscription';

const ALL_ROOM = 'all';

/** Something the feed delivers, addressed by SKU and category. */
export interface Addressed {
  sku: string;
  category?: string;
}

/**
 * socket.io endpoint of the live feed. Clients `subscribe` to all, categories or SKUs. Sockets subscribed
 * to all share one encoded broadcast (room `all`); filtered sockets get their own subset per flush.
 * Before every send a socket whose write buffer passed SOCKET_MAX_BUFFERED_PACKETS is disconnected,
 * so one slow reader cannot hold memory or time for the others.
 */
@WebSocketGateway({ serveClient: false }) // origins: ConfiguredIoAdapter
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer() server!: Server;

  private readonly logger = new Logger('LiveGateway');
  /** Filtered (not "all") subscriptions by socket id. */
  private readonly filtered = new Map<string, { socket: Socket; sub: Subscription }>();

  constructor(
    @Inject(ApiConfig) private readonly config: ApiConfig,
    @Inject(MetricsService) private readonly metrics: MetricsService,
    @Inject(ApiKeyVerifier) private readonly keys: ApiKeyVerifier,
  ) {}

  /** When reads need a key, so does the feed: `auth: {apiKey}` or the x-api-key header at handshake. */
  afterInit(server: Server): void {
    if (!this.config.API_READS_REQUIRE_KEY) return;
    server.use((socket, next) => {
      const auth = socket.handshake.auth as { apiKey?: unknown };
      const header = socket.handshake.headers[API_KEY_HEADER];
      const key = typeof auth.apiKey === 'string' ? auth.apiKey : typeof header === 'string' ? header : undefined;
      this.keys.verify(key, 'read', socket.handshake.address).then(
        () => next(),
        (error: unknown) => {
          // socket.io hands `data` to the client's connect_error: the code is a field, the message is for people.
          const data =
            error instanceof ApiError ? { code: error.code, message: error.message } : { code: 'DEPENDENCY_UNAVAILABLE', message: 'cannot check the API key' };
          next(Object.assign(new Error(`${data.code}: ${data.message}`), { data }));
        },
      );
    });
  }

  handleConnection(socket: Socket): void {
    trackBuffer(socket);
    this.metrics.socketClients.inc();
  }

  handleDisconnect(socket: Socket): void {
    this.filtered.delete(socket.id);
    this.metrics.socketClients.dec();
  }

  @SubscribeMessage('subscribe')
  subscribe(
    @ConnectedSocket() socket: Socket,
    @MessageBody() body: unknown,
  ): { ok: true; subscription: SubscribeRequest } | { ok: false; code: string; message: string } {
    let sub: Subscription;
    try {
      sub = parseSubscription(body);
    } catch (error) {
      if (error instanceof SubscriptionError) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
    if (sub.all) {
      this.filtered.delete(socket.id);
      void socket.join(ALL_ROOM);
    } else {
      void socket.leave(ALL_ROOM);
      this.filtered.set(socket.id, { socket, sub });
    }
    return { ok: true, subscription: describe(sub) };
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: Socket): { ok: true } {
    this.filtered.delete(socket.id);
    void socket.leave(ALL_ROOM);
    return { ok: true };
  }

  /** Sends `build(items)` to every socket with its matching items (non-empty only). */
  deliver<T extends Addressed>(event: string, items: T[], build: (items: T[]) => unknown): void {
    if (!items.length || !this.server) return;
    const all = this.server.sockets.adapter.rooms.get(ALL_ROOM);
    if (all?.size) {
      this.dropSlow(all);
      this.server.to(ALL_ROOM).emit(event, build(items));
      this.metrics.socketEvents.inc({ event });
    }
    for (const { socket, sub } of this.filtered.values()) {
      const mine = items.filter((i) => matches(sub, i.sku, i.category));
      if (!mine.length || this.droppedIfSlow(socket)) continue;
      socket.emit(event, build(mine));
      this.metrics.socketEvents.inc({ event });
    }
  }

  /** Sends to every subscribed socket. */
  broadcast(event: string, payload: unknown): void {
    if (!this.server) return;
    const all = this.server.sockets.adapter.rooms.get(ALL_ROOM);
    if (all?.size) {
      this.dropSlow(all);
      this.server.to(ALL_ROOM).emit(event, payload);
    }
    for (const { socket } of this.filtered.values()) if (!this.droppedIfSlow(socket)) socket.emit(event, payload);
    this.metrics.socketEvents.inc({ event });
  }

  private dropSlow(ids: ReadonlySet<string>): void {
    for (const id of ids) {
      const socket = this.server.sockets.sockets.get(id);
      if (socket) this.droppedIfSlow(socket);
    }
  }

  private droppedIfSlow(socket: Socket): boolean {
    if (pendingPackets(socket) <= this.config.SOCKET_MAX_BUFFERED_PACKETS) return false;
    this.logger.warn(`dropping slow client ${socket.id} (${pendingPackets(socket)} packets unsent)`);
    this.metrics.slowClientsDropped.inc();
    this.filtered.delete(socket.id);
    dropSocket(socket);
    return true;
  }
}
