// CLI: `node -r @swc-node/register libs/db/src/migrate.ts` creates DATABASE_URL's database if needed
// and applies pending migrations. (Run from a project folder, or set SWC_NODE_PROJECT=tsconfig.base.json.)
import { DEFAULT_DATABASE_URL, runMigrations } from './data-source';
import { ensureDatabaseExists } from './ensure-database';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  if (await ensureDatabaseExists(url)) console.log(`created database ${new URL(url).pathname.slice(1)}`);
  const applied = await runMigrations(url);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
}

main().catch((error: unknown) => {
  console.error('migration failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
