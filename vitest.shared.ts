// Shared Vitest settings: SWC transpiles so NestJS and TypeORM get decorator metadata.
// Every project writes its results to test-output/vitest/<project>.json (and .junit.xml) at the
// workspace root; scripts/test.mjs adds them up into the closing "N passed, N failed" line.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const workspaceRoot = path.dirname(fileURLToPath(import.meta.url));

/** Report file stem for the project Vitest runs in (cwd), e.g. `libs-engine`. */
function reportName(): string {
  const relative = path.relative(workspaceRoot, process.cwd());
  return relative === '' || relative.startsWith('..') ? 'workspace' : relative.split(path.sep).join('-');
}

export function projectConfig(options: { timeoutMs?: number } = {}) {
  const reports = path.join(workspaceRoot, 'test-output', 'vitest', reportName());
  return defineConfig({
    plugins: [swc.vite({ module: { type: 'es6' } })],
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
      testTimeout: options.timeoutMs ?? 30_000,
      hookTimeout: 120_000,
      pool: 'forks',
      passWithNoTests: true,
      reporters: ['default', 'json', 'junit'],
      outputFile: { json: `${reports}.json`, junit: `${reports}.junit.xml` },
    },
  });
}
