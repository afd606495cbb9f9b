// Adds up the Vitest JSON reports (<dir>/<project>.json) written by vitest.shared.ts.
import fs from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

/** @typedef {{ project: string, passed: number, failed: number, skipped: number, failedNames: string[] }} ProjectResult */

/** A file that failed before its tests ran (import error, hook failure) counts as one failure. */
/** @typedef {{ name: string, status: string, message?: string, assertionResults: { status: string, fullName: string }[] }} FileResult */
/** @typedef {{ testResults?: FileResult[], numPassedTests?: number, numFailedTests?: number, numPendingTests?: number, numTodoTests?: number }} Report */

/** @param {FileResult[]} testResults */
function suiteErrors(testResults) {
  return testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed'));
}

/** @param {string} dir @returns {ProjectResult[]} */
export function readVitestReports(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const report = /** @type {Report} */ (JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      const broken = suiteErrors(report.testResults ?? []);
      const failedNames = (report.testResults ?? []).flatMap((suite) => [
        ...suite.assertionResults.filter((a) => a.status === 'failed').map((a) => `${path.basename(suite.name)} > ${a.fullName}`),
        ...(broken.includes(suite) ? [`${path.basename(suite.name)} (did not run: ${String(suite.message ?? '').split('\n')[0]})`] : []),
      ]);
      return {
        project: path.basename(file, '.json'),
        passed: report.numPassedTests ?? 0,
        failed: (report.numFailedTests ?? 0) + broken.length,
        skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
        failedNames,
      };
    });
}

/** Nx prints "Failed tasks:" then one "- project:target" line per failed task. */
export function failedNxTasks(/** @type {string} */ output) {
  const start = output.lastIndexOf('Failed tasks:');
  if (start === -1) return [];
  const tasks = [];
  for (const line of output.slice(start).split('\n').slice(1)) {
    const [, project, target] = /^\s*-\s+(\S+):(\S+)/.exec(stripVTControlCharacters(line)) ?? [];
    if (project !== undefined && target !== undefined) tasks.push({ project, target });
    else if (tasks.length > 0 && line.trim() !== '') break;
  }
  return tasks;
}
