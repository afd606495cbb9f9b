import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { Server, ServerOptions } from 'socket.io';
import { originAllowed } from './origin-policy';

/** socket.io with the origin policy of origin-policy.ts: CORS headers for listed origins only, and
 * handshakes from other browser origins refused (403). */
export class ConfiguredIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly origins: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    return super.createIOServer(port, {
      ...options,
      cors: { origin: [...this.origins], credentials: false },
      allowRequest: (req, callback) => callback(null, originAllowed(req, this.origins)),
    } satisfies Partial<ServerOptions>) as Server;
  }
}
