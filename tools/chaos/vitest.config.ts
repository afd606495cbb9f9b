// The reliability suite: one file at a time (each starts real processes and owns the machine's cores),
// long timeouts, and a summary table printed after the last file (test/support/summary-teardown.ts).
import { mergeConfig } from 'vitest/config';
import { projectConfig } from '../../vitest.shared';

export default mergeConfig(projectConfig({ timeoutMs: 300_000 }), {
  test: {
    fileParallelism: false,
    hookTimeout: 180_000,
    globalSetup: ['test/support/summary-teardown.ts'],
  },
});
