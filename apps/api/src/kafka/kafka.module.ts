import { Global, Module } from '@nestjs/common';
import { kafkaClient } from '@shelfstream/platform';
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
        kafkaClient('shelfstream-api', config.KAFKA_BROKERS, {
          logLevel: logLevel.NOTHING,
          connectionTimeout: 2000,
          retry: { retries: 2, initialRetryTime: 200 },
        }),
    },
  ],
  exports: [Kafka],
})
export class KafkaModule {}
