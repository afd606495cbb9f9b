// Each app's config schema and the README holding its generated table. The schemas are loaded by path
// (the docs read them as data; tools never import apps as libraries).
import fs from 'node:fs';
import path from 'node:path';
import { type ConfigSchema, configTable, withConfigTable } from '@shelfstream/platform';

export const ROOT = path.resolve(__dirname, '../../..');

export const APP_CONFIGS = [
  { readme: 'apps/api/README.md', module: 'apps/api/src/config/api-config.ts', schema: 'ApiConfig' },
  { readme: 'apps/pipeline/README.md', module: 'apps/pipeline/src/config/pipeline-config.ts', schema: 'PipelineConfig' },
  { readme: 'apps/pricing-bot/README.md', module: 'apps/pricing-bot/src/config/pricing-bot-config.ts', schema: 'PricingBotConfig' },
] as const;

export interface ReadmeState {
  readonly readme: string;
  readonly current: string;
  readonly expected: string;
}

/** Each README as it is and as its schema says it should be. */
export async function readmeStates(): Promise<ReadmeState[]> {
  return Promise.all(
    APP_CONFIGS.map(async ({ readme, module, schema }) => {
      const exports = (await import(path.join(ROOT, module))) as Record<string, ConfigSchema>;
      const exported = exports[schema];
      if (!exported) throw new Error(`${module} does not export ${schema}`);
      const current = fs.readFileSync(path.join(ROOT, readme), 'utf8');
      return { readme, current, expected: withConfigTable(current, configTable(exported)) };
    }),
  );
}
