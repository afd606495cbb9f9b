import { Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthModule } from './auth/auth.module';
import type { ApiConfig } from './config/api-config';
import { ConfigModule } from './config/config.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { DatabaseModule } from './database/database.module';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { ApiExceptionFilter } from './errors/api-exception.filter';
import { HealthModule } from './health/health.module';
import { InventoryModule } from './inventory/inventory.module';
import { KafkaModule } from './kafka/kafka.module';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsModule } from './metrics/metrics.module';
import { PipelineModule } from './pipeline/pipeline.module';
import { PricesModule } from './prices/prices.module';
import { ProductsModule } from './products/products.module';
import { RealtimeModule } from './realtime/realtime.module';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        KafkaModule,
        MetricsModule,
        AuthModule,
        // Only write routes use ThrottlerGuard (per client IP, per minute).
        ThrottlerModule.forRoot([{ name: 'writes', ttl: 60_000, limit: config.WRITE_RATE_LIMIT_PER_MINUTE }]),
        InventoryModule,
        ProductsModule,
        PricesModule,
        DeadLettersModule,
        PipelineModule,
        HealthModule,
        RealtimeModule,
        DashboardModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
