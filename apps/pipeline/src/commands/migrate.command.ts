// `migrate`: create the database if needed and apply libs/db's TypeORM migrations.
import { ensureDatabaseExists, runMigrations } from '@shelfstream/db';
import { Command } from 'commander';
import { loadPipelineConfig } from '../config/pipeline-config';

export async function runMigrate(databaseUrl: string): Promise<string[]> {
  await ensureDatabaseExists(databaseUrl);
  return runMigrations(databaseUrl);
}

export function migrateCommand(): Command {
  return new Command('migrate').description('create the database if needed and apply pending migrations').action(async () => {
    const applied = await runMigrate(loadPipelineConfig().DATABASE_URL);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  });
}
