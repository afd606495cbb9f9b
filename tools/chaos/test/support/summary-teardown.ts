// Vitest global setup: starts each run with an empty summary and prints the table at the end
// (also written to test-output/chaos/summary.json).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummary, readScenarios, SUMMARY_DIR, SUMMARY_FILE } from './summary';

export default function setup(): () => void {
  rmSync(SUMMARY_FILE, { force: true });
  return () => {
    const rows = readScenarios();
    mkdirSync(SUMMARY_DIR, { recursive: true });
    writeFileSync(join(SUMMARY_DIR, 'summary.json'), JSON.stringify(rows, null, 2));
    console.log(formatSummary(rows));
  };
}
