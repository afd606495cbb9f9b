// CLI: create an API key and print it once.
//   node -r @swc-node/register apps/api/src/cli/create-api-key.ts --name ops --scopes write,admin
// (run from apps/api, or set SWC_NODE_PROJECT=tsconfig.base.json; uses DATABASE_URL).
import { createDataSource } from '@shelfstream/db';
import { Command, InvalidArgumentError } from 'commander';
import { API_SCOPES, type ApiScope } from '../auth/api-key';
import { ApiKeyService } from '../auth/api-key.service';

function parseScopes(text: string): ApiScope[] {
  const scopes = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (bad.length || !scopes.length) throw new InvalidArgumentError(`scopes must be a comma list of ${API_SCOPES.join(', ')}`);
  return scopes as ApiScope[];
}

async function main(): Promise<void> {
  const program = new Command('create-api-key')
    .requiredOption('--name <name>', 'unique name of the key holder')
    .option('--scopes <list>', `comma list of ${API_SCOPES.join(', ')}`, parseScopes, ['write'] as ApiScope[])
    .option('--database-url <url>', 'defaults to DATABASE_URL')
    .parse();
  const opts = program.opts<{ name: string; scopes: ApiScope[]; databaseUrl?: string }>();
  const ds = createDataSource({ url: opts.databaseUrl, poolSize: 1, applicationName: 'shelfstream-create-api-key' });
  await ds.initialize();
  try {
    const { key } = await new ApiKeyService(ds).create(opts.name, opts.scopes);
    console.log(`created API key "${opts.name}" with scopes ${opts.scopes.join(',')}; it is shown only now:`);
    console.log(key);
  } finally {
    await ds.destroy();
  }
}

main().catch((error: unknown) => {
  console.error('create-api-key failed:', error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
