import { Injectable } from '@nestjs/common';
import { createMetricsRegistry } from '@shelfstream/platform';
import { Counter, Gauge, Histogram } from 'prom-client';

/** The app's Prometheus registry (one per app instance, so tests can boot several apps). */
@Injectable()
export class MetricsService {
  readonly registry = createMetricsRegistry('shelfstream_api_');

  readonly httpDuration = new Histogram({
    name: 'shelfstream_api_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly socketClients = new Gauge({
    name: 'shelfstream_api_socket_clients',
    help: 'Connected socket.io clients',
    registers: [this.registry],
  });

  readonly socketEvents = new Counter({
    name: 'shelfstream_api_socket_events_total',
    help: 'Socket events emitted (one per event and recipient group)',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  readonly slowClientsDropped = new Counter({
    name: 'shelfstream_api_socket_slow_clients_dropped_total',
    help: 'Clients disconnected because their send buffer passed the bound',
    registers: [this.registry],
  });

  readonly notificationToEmit = new Histogram({
    name: 'shelfstream_api_notification_to_emit_seconds',
    help: 'Time from a commit notification to the socket emit of its rows',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly notifications = new Counter({
    name: 'shelfstream_api_pg_notifications_total',
    help: 'Postgres commit notifications received',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
}
