// Entry point: `node -r @swc-node/register apps/api/src/main.ts` (config from the environment).
import { Logger } from '@nestjs/common';
import { ConfigError, createLogger } from '@shelfstream/platform';
import { startApi } from './start-api';

async function main(): Promise<void> {
  const api = await startApi();
  api.app.enableShutdownHooks();
  Logger.log(`Shelfstream API on ${api.url} (dashboard /, OpenAPI /docs)`, 'Main');
}

main().catch((error: unknown) => {
  createLogger('api').fatal(error instanceof ConfigError ? {} : { err: error }, `api: ${(error as Error).message ?? String(error)}`);
  process.exit(1);
});
