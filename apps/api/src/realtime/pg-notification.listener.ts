// A dedicated Postgres connection that LISTENs on the pipeline's commit channels and reconnects
// with backoff. After a reconnect it reports `resync`, because notifications sent while it was
// away are lost (LISTEN/NOTIFY is not durable); the feed then reads rows newer than it last saw.
import { Logger } from '@nestjs/common';
import { Client, type Notification } from 'pg';

export interface NotificationHandlers {
  notification(channel: string, payload: string): void;
  resync(): void;
}

export class PgNotificationListener {
  private readonly logger = new Logger('PgNotificationListener');
  private client: Client | undefined;
  private stopped = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly url: string,
    private readonly channels: readonly string[],
    private readonly handlers: NotificationHandlers,
  ) {}

  /** Resolves once the first LISTEN is in place (or rejects if the first connection fails). */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'shelfstream-api-listen' });
    client.on('notification', (n: Notification) => this.handlers.notification(n.channel, n.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    for (const channel of this.channels) await client.query(`LISTEN ${quoteIdent(channel)}`);
    this.client = client;
    if (this.attempt > 0) this.handlers.resync();
    this.attempt = 0;
  }

  private lost(client: Client, error: Error): void {
    if (this.stopped || client !== this.client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.logger.warn(`LISTEN connection lost (${error.message}); reconnecting`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = Math.min(200 * 2 ** this.attempt, 5000);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.connect().catch((error: Error) => {
        this.logger.warn(`LISTEN reconnect failed: ${error.message}`);
        this.scheduleReconnect();
      });
    }, delay);
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
