// Shared Vitest settings: SWC transpiles so NestJS and TypeORM get decorator metadata.
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export function projectConfig(options: { timeoutMs?: number } = {}) {
  return defineConfig({
    plugins: [swc.vite({ module: { type: 'es6' } })],
    test: {
      include: ['src/**/*.spec.ts', 'test/**/*.test.ts'],
      testTimeout: options.timeoutMs ?? 30_000,
      hookTimeout: 120_000,
      pool: 'forks',
      passWithNoTests: true,
      reporters: process.env.CI ? ['default', 'junit'] : ['default'],
      outputFile: { junit: 'test-output/junit.xml' },
    },
  });
}
