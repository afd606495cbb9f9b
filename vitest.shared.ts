// Shared Vitest settings: SWC transpiles so NestJS and TypeORM get decorator metadata.
// Every project writes its results to <reports>/<project>.json (and .junit.xml): <reports> is
// TEST_REPORT_DIR when set (npm test sets test-output/npm-test, so ad-hoc runs cannot overwrite its
// reports), else test-output/vitest. scripts/test.mjs adds them up into "N passed, N failed".
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

export interface ProjectConfigOptions {
  readonly timeoutMs?: number;
  /** Test file globs (default: every spec under src and every test under test). */
  readonly include?: readonly string[];
  /** Appended to the report name, for a second run of the same project (e.g. `tz-new-york`). */
  readonly reportSuffix?: string;
}

export function projectConfig(options: ProjectConfigOptions = {}) {
  const name = options.reportSuffix ? `${reportName()}-${options.reportSuffix}` : reportName();
  const reports = path.join(process.env.TEST_REPORT_DIR ?? path.join(workspaceRoot, 'test-output', 'vitest'), name);
  return defineConfig({
    plugins: [swc.vite({ module: { type: 'es6' } })],
    test: {
      include: [...(options.include ?? ['src/**/*.spec.ts', 'test/**/*.test.ts'])],
      testTimeout: options.timeoutMs ?? 30_000,
      hookTimeout: 120_000,
      pool: 'forks',
      passWithNoTests: true,
      reporters: ['default', 'json', 'junit'],
      outputFile: { json: `${reports}.json`, junit: `${reports}.junit.xml` },
    },
  });
}
