import { Global, Module } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import { ApiConfig } from '../config/api-config';

/** One kafkajs client for the app (health checks and the price-changes consumer). */
@Global()
@Module({
  providers: [
    {
      provide: Kafka,
      inject: [ApiConfig],
      useFactory: (config: ApiConfig) =>
        new Kafka({
          clientId: 'shelfstream-api',
          brokers: config.KAFKA_BROKERS.split(','),
          logLevel: logLevel.NOTHING,
          connectionTimeout: 2000,
          retry: { retries: 2, initialRetryTime: 200 },
        }),
    },
  ],
  exports: [Kafka],
})
export class KafkaModule {}
