#!/usr/bin/env node
// npm test: brings infra up (idempotent), makes sure Chromium is there for browser tests, runs
// typecheck + lint + test for every project through Nx, then the reliability suite (the `chaos` target:
// it kills and restarts processes, so it runs alone, after the rest; SKIP_CHAOS=1 leaves it out), and
// closes with "N passed, N failed, N skipped" from the Vitest reports (a failed typecheck or lint task
// counts as one failure each).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { infraUp } from './infra.mjs';
import { ROOT } from './infra/settings.mjs';
import { failedNxTasks, readVitestReports } from './test/vitest-reports.mjs';

/** Only this script's Nx run writes here (vitest.shared.ts reads TEST_REPORT_DIR). */
const REPORTS_DIR = path.join(ROOT, 'test-output', 'npm-test');
const CHROMIUM = '/usr/bin/chromium';
const PHASES = [['typecheck', 'lint', 'test'], ...(process.env.SKIP_CHAOS === '1' ? [] : [['chaos']])];

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  if (os.userInfo().uid !== 0 || !fs.existsSync('/usr/bin/apt-get')) {
    console.warn(`test: ${CHROMIUM} is missing; browser tests need it (apt-get install -y chromium)`);
    return;
  }
  console.log('test: installing Debian chromium for the browser tests');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: ['ignore', 'inherit', 'inherit'], env: aptEnv });
    if (result.status !== 0) {
      console.warn(`test: apt-get ${args.join(' ')} failed (${result.status}); browser tests will fail`);
      return;
    }
  }
}

/**
 * Runs Nx on some targets, echoing its output, and resolves with the exit code and the full output.
 * @param {string[]} targets
 * @returns {Promise<{ code: number, output: string }>}
 */
function runNx(targets) {
  const args = ['nx', 'run-many', '-t', ...targets, '--parallel=2', '--outputStyle=static'];
  console.log(`test: npx ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn('npx', args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NX_TUI: 'false', NX_DAEMON: 'false', TEST_REPORT_DIR: REPORTS_DIR },
    });
    let output = '';
    const echo = (/** @type {NodeJS.WriteStream} */ stream) => (/** @type {Buffer} */ chunk) => {
      output += chunk.toString();
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main() {
  const started = Date.now();
  try {
    await infraUp();
  } catch (error) {
    console.error(`test: infra:up failed: ${/** @type {Error & { code?: string }} */ (error).code ?? ''} ${/** @type {Error} */ (error).message}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  ensureChromium();
  fs.rmSync(REPORTS_DIR, { recursive: true, force: true });
  const nx = { code: 0, output: '' };
  for (const targets of PHASES) {
    const phase = await runNx(targets);
    nx.code ||= phase.code;
    nx.output += phase.output;
  }

  const projects = readVitestReports(REPORTS_DIR);
  const failedTasks = failedNxTasks(nx.output);
  const runsTests = (/** @type {{ target: string }} */ t) => t.target === 'test' || t.target === 'chaos';
  const failedChecks = failedTasks.filter((t) => !runsTests(t)).map((t) => `${t.project}:${t.target}`);
  // A test task that failed without a failing test in its report (crash, missing report) counts once.
  const reported = new Set(projects.filter((p) => p.failed > 0).map((p) => p.project));
  const unexplained = failedTasks.filter((t) => runsTests(t) && ![...reported].some((name) => name.endsWith(`-${t.project}`) || name === t.project));
  const failedOther = [...failedChecks, ...unexplained.map((t) => `${t.project}:${t.target} (no failing test in its report)`)];
  if (nx.code !== 0 && failedTasks.length === 0) failedOther.push(`nx run-many exited with ${nx.code}`);

  const total = { passed: 0, failed: failedOther.length, skipped: 0 };
  console.log('\ntest: summary');
  for (const p of projects) {
    total.passed += p.passed;
    total.failed += p.failed;
    total.skipped += p.skipped;
    console.log(`  ${p.project.padEnd(28)} ${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped`);
    for (const name of p.failedNames) console.log(`    FAILED ${name}`);
  }
  for (const name of failedOther) console.log(`  FAILED ${name}`);
  console.log(`test: finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed > 0 || nx.code !== 0 ? 1 : 0;
}

process.exitCode = await main();
