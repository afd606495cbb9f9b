// Vitest global setup: gives the run its own summary file (the test workers inherit the variable) and
// prints the table at the end (also written to test-output/chaos/summary.json).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatSummary, readScenarios, RUN_FILE_ENV, SUMMARY_DIR } from './summary';

export default function setup(): () => void {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  const runFile = join(SUMMARY_DIR, `run-${process.pid}-${Date.now()}.jsonl`);
  process.env[RUN_FILE_ENV] = runFile;
  return () => {
    const rows = readScenarios();
    mkdirSync(SUMMARY_DIR, { recursive: true });
    writeFileSync(join(SUMMARY_DIR, 'summary.json'), JSON.stringify(rows, null, 2));
    rmSync(runFile, { force: true });
    console.log(formatSummary(rows));
  };
}
