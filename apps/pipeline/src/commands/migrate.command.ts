// `migrate`: create the database if needed and apply libs/db's TypeORM migrations.
import { ensureDatabaseExists, runMigrations } from '@shelfstream/db';
import { Command } from 'commander';
import { readPipelineEnv } from '../config/pipeline-env';

export async function runMigrate(databaseUrl: string): Promise<string[]> {
  await ensureDatabaseExists(databaseUrl);
  return runMigrations(databaseUrl);
}

export function migrateCommand(): Command {
  return new Command('migrate').description('create the database if needed and apply pending migrations').action(async () => {
    const applied = await runMigrate(readPipelineEnv().databaseUrl);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  });
}
