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

const XML_ENTITIES = /** @type {Record<string, string>} */ ({ '&quot;': '"', '&apos;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' });

/**
 * A beforeAll/afterAll failure is the suite's, so the JSON report leaves the file's message empty;
 * the JUnit report has it as a <failure> of the suite's testsuite. First message per test file.
 * @param {string} junitFile @returns {Map<string, string>}
 */
function junitFailures(junitFile) {
  const failures = new Map();
  if (!fs.existsSync(junitFile)) return failures;
  const xml = fs.readFileSync(junitFile, 'utf8');
  for (const [, suite = '', body = ''] of xml.matchAll(/<testsuite name="([^"]*)"[^>]*>([\s\S]*?)<\/testsuite>/g)) {
    const message = /<failure message="([^"]*)"/.exec(body)?.[1];
    if (message !== undefined)
      failures.set(
        suite.replace(/&[a-z]+;/g, (e) => XML_ENTITIES[e] ?? e),
        message.replace(/&[a-z]+;/g, (e) => XML_ENTITIES[e] ?? e),
      );
  }
  return failures;
}

/** @param {FileResult} suite @param {Map<string, string>} junit */
function whyNotRun(suite, junit) {
  const own = String(suite.message ?? '').split('\n')[0];
  if (own) return own;
  for (const [name, message] of junit) if (suite.name.endsWith(`/${name}`)) return message.split('\n')[0];
  return 'no message in the reports';
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
      const junit = broken.length > 0 ? junitFailures(path.join(dir, file.replace(/\.json$/, '.junit.xml'))) : new Map();
      const failedNames = (report.testResults ?? []).flatMap((suite) => [
        ...suite.assertionResults.filter((a) => a.status === 'failed').map((a) => `${path.basename(suite.name)} > ${a.fullName}`),
        ...(broken.includes(suite) ? [`${path.basename(suite.name)} (did not run: ${whyNotRun(suite, junit)})`] : []),
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
