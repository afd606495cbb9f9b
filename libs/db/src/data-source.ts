// The one way to open the database: explicit entities and migrations, never synchronize.
import 'reflect-metadata';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/shelfstream';

export interface DataSourceSettings {
  /** Defaults to DATABASE_URL, then DEFAULT_DATABASE_URL. */
  url?: string;
  /** Connection pool size (pg `max`). */
  poolSize?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
}

export function dataSourceOptions(settings: DataSourceSettings = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logging: ['error'],
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'shelfstream',
  };
}

/** A DataSource that is not yet initialized. */
export function createDataSource(settings: DataSourceSettings = {}): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

/** Key of the advisory lock that serializes migration runs from several processes booting at once. */
const MIGRATION_LOCK_KEY = 0x5e1f_0001;

/** Applies every pending migration (each in its own transaction); returns the names applied. */
export async function runMigrations(url?: string): Promise<string[]> {
  const ds = createDataSource({ url, poolSize: 2, applicationName: 'shelfstream-migrate' });
  await ds.initialize();
  const lock = ds.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
    await ds.destroy();
  }
}
