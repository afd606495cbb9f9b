// Our projects' own benchmarks (the `bench` Nx targets), one after another; output to a log file per
// project in bench-results/own/, exit status and wall time kept for the report.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ROOT } from './child';

export const OWN_BENCH_PROJECTS = ['engine', 'pipeline', 'api', 'pricing-bot'] as const;
export type OwnBenchProject = (typeof OWN_BENCH_PROJECTS)[number];

/** Smaller inputs for a quick run (each bench reads these variables). */
export const QUICK_BENCH_ENV: NodeJS.ProcessEnv = { EVENTS: '1000000', BENCH_DURATION_S: '5', BENCH_SKUS: '2000', BENCH_SPIKES: '100' };

// eslint-disable-next-line no-control-regex
const ANSI_COLOURS = /\x1b\[[0-9;]*m/g;

export interface OwnBenchResult {
  readonly project: OwnBenchProject;
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly log: string;
  /** The last lines the bench printed (its own figures). */
  readonly tail: string[];
  /** The JSON objects it printed on lines of their own (machine-readable figures, if any). */
  readonly figures: unknown[];
}

/** A structured log line (kafkajs, the apps' JSON logger) printed by a bench: not one of its figures. */
export const isLogRecord = (value: Record<string, unknown>) => typeof value.level === 'string' && ('message' in value || 'msg' in value);

export async function runOwnBench(project: OwnBenchProject, env: NodeJS.ProcessEnv, stamp: string): Promise<OwnBenchResult> {
  const dir = path.join(ROOT, 'bench-results', 'own');
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(dir, `${project}-${stamp}.log`);
  const out = fs.openSync(log, 'w');
  const started = Date.now();
  // Each bench finds its own project's tsconfig (decorators): not the one this process may run with.
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NX_DAEMON: 'false', FORCE_COLOR: '0' };
  delete childEnv.SWC_NODE_PROJECT;
  const exitCode = await new Promise<number | null>((resolve) => {
    const child = spawn('npx', ['nx', 'run', `${project}:bench`, '--skip-nx-cache', '--outputStyle=stream-without-prefixes'], {
      cwd: ROOT,
      stdio: ['ignore', out, out],
      env: childEnv,
    });
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
  });
  fs.closeSync(out);
  const text = fs.readFileSync(log, 'utf8').replace(ANSI_COLOURS, '');
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.includes('npm warn'));
  const figures = lines
    .filter((l) => l.startsWith('{') && l.endsWith('}'))
    .flatMap((l) => {
      try {
        const value = JSON.parse(l) as Record<string, unknown>;
        return isLogRecord(value) ? [] : [value];
      } catch {
        return [];
      }
    });
  return { project, ok: exitCode === 0, exitCode, seconds: (Date.now() - started) / 1000, log: path.relative(ROOT, log), tail: lines.slice(-12), figures };
}
