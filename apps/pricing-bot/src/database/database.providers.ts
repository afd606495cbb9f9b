// The TypeORM DataSource of the worker (libs/db's factory; migrations applied at boot, never synchronize).
import { Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { createDataSource, runMigrations } from '@shelfstream/db';
import { DataSource } from 'typeorm';
import { PricingBotConfig } from '../config/pricing-bot-config';

/** Closes the pool last (jobs and listeners stop in beforeApplicationShutdown). */
@Injectable()
export class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

export const databaseProviders: Provider[] = [
  DatabaseLifecycle,
  {
    provide: DataSource,
    inject: [PricingBotConfig],
    useFactory: async (config: PricingBotConfig) => {
      await runMigrations(config.DATABASE_URL);
      const ds = createDataSource({ url: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE, applicationName: 'pricing-bot' });
      return ds.initialize();
    },
  },
];
