import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createDataSource } from '@shelfstream/db';
import { DataSource } from 'typeorm';
import { ApiConfig } from '../config/api-config';

/** One initialized TypeORM DataSource for the app (migrations are applied before boot, never synchronize). */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [ApiConfig],
      useFactory: async (config: ApiConfig) => {
        const ds = createDataSource({ url: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE, applicationName: 'shelfstream-api' });
        return ds.initialize();
      },
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly ds: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
