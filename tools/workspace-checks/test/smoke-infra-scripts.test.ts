// The scripts behind `npm test` and `npm run infra:status`: the closing "N passed, N failed" line is
// only as good as the report summing and the Nx failure parsing checked here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

interface ProjectResult {
  project: string;
  passed: number;
  failed: number;
  skipped: number;
  failedNames: string[];
}
interface ReportsModule {
  readVitestReports: (dir: string) => ProjectResult[];
  failedNxTasks: (output: string) => { project: string; target: string }[];
}
const reports = import(pathToFileURL(path.join(root, 'scripts/test/vitest-reports.mjs')).href) as Promise<ReportsModule>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const assertion = (fullName: string, status: string) => ({ fullName, status });

describe('readVitestReports', () => {
  it('adds failed assertions and files that never ran to the failures, todo and skipped to skipped', async () => {
    fs.writeFileSync(
      path.join(dir, 'libs-a.json'),
      JSON.stringify({
        numPassedTests: 3,
        numFailedTests: 1,
        numPendingTests: 1,
        numTodoTests: 1,
        testResults: [
          { name: '/x/ok.spec.ts', status: 'passed', assertionResults: [assertion('a', 'passed'), assertion('b', 'passed')] },
          { name: '/x/bad.spec.ts', status: 'failed', assertionResults: [assertion('c', 'passed'), assertion('d fails', 'failed')] },
          { name: '/x/broken.test.ts', status: 'failed', message: 'Cannot find module x\n  at y', assertionResults: [] },
        ],
      }),
    );
    fs.writeFileSync(path.join(dir, 'apps-empty.json'), JSON.stringify({ numPassedTests: 0, numFailedTests: 0, testResults: [] }));
    const { readVitestReports } = await reports;
    expect(readVitestReports(dir)).toEqual([
      { project: 'apps-empty', passed: 0, failed: 0, skipped: 0, failedNames: [] },
      { project: 'libs-a', passed: 3, failed: 2, skipped: 2, failedNames: ['bad.spec.ts > d fails', 'broken.test.ts (did not run: Cannot find module x)'] },
    ]);
  });

  it("names a hook's failure, which only the JUnit report holds", async () => {
    const file = { name: '/x/apps/api/test/hooked.test.ts', status: 'failed', message: '', assertionResults: [assertion('e', 'skipped')] };
    fs.writeFileSync(path.join(dir, 'apps-b.json'), JSON.stringify({ numPassedTests: 0, numPendingTests: 1, testResults: [file] }));
    fs.writeFileSync(
      path.join(dir, 'apps-b.junit.xml'),
      '<testsuites><testsuite name="test/other.test.ts"><testcase name="o"/></testsuite>' +
        '<testsuite name="test/hooked.test.ts"><testcase name="e"><skipped/></testcase>' +
        '<testcase name="x"><failure message="expected &quot;–&quot; to be &quot;37&quot;\nmore" type="AssertionError"/></testcase></testsuite></testsuites>',
    );
    const { readVitestReports } = await reports;
    expect(readVitestReports(dir).find((p) => p.project === 'apps-b')?.failedNames).toEqual(['hooked.test.ts (did not run: expected "–" to be "37")']);
  });

  it('finds nothing in a folder that does not exist', async () => {
    const { readVitestReports } = await reports;
    expect(readVitestReports(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('failedNxTasks', () => {
  it('reads the failed project:target list from Nx output, colours and all', async () => {
    const output = [
      '> nx run engine:lint',
      'Failed tasks:',
      'noise before',
      ' NX   Running targets typecheck, lint, test for 3 projects failed',
      '',
      'Failed tasks:',
      '',
      '\x1b[2m-\x1b[22m engine:lint',
      '- pricing-bot:typecheck',
      '',
      'Hint: x',
    ].join('\n');
    const { failedNxTasks } = await reports;
    expect(failedNxTasks(output)).toEqual([
      { project: 'engine', target: 'lint' },
      { project: 'pricing-bot', target: 'typecheck' },
    ]);
    expect(failedNxTasks(' NX   Successfully ran targets')).toEqual([]);
  });
});

describe('infra:status', () => {
  it('reports every component answering once infra is up (npm test brings it up first)', () => {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/infra.mjs'), 'status'], { encoding: 'utf8' });
    expect(result.stdout).toMatch(/postgres .* answers/);
    expect(result.stdout).toMatch(/redis .* answers/);
    expect(result.stdout).toMatch(/kafka .* answers/);
    expect(result.status).toBe(0);
  });
});
