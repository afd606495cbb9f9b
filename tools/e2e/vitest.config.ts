// Cross-app end-to-end tests: one environment (pipeline, API and pricing bot as child processes on a
// fresh database, unique topics and queue) started once by the global setup, files one at a time.
import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared';

export default mergeConfig(projectConfig({ timeoutMs: 60_000 }), {
  test: {
    fileParallelism: false,
    hookTimeout: 150_000,
    globalSetup: ['test/support/global-setup.ts'],
  },
});
