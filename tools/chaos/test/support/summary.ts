// Scenario figures, appended by each test file (they run in separate workers) to one JSONL file, and
// printed as one table by the global teardown.
import { appendFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT } from './app-process';

export const SUMMARY_DIR = join(WORKSPACE_ROOT, 'test-output', 'chaos');
/** Set by the global setup for its run, so runs side by side (someone reproducing one test) do not mix. */
export const RUN_FILE_ENV = 'CHAOS_SUMMARY_FILE';

function summaryFile(): string {
  return process.env[RUN_FILE_ENV] ?? join(SUMMARY_DIR, 'summary.jsonl');
}

export interface ScenarioFigures {
  readonly scenario: string;
  /** What was injected, e.g. "4x kill -9 stream". */
  readonly faults: string;
  readonly faultCount: number;
  /** Records sent to Kafka (valid + malformed) or requests sent. */
  readonly eventsIn: number;
  /** Valid events (or requests) the tables/answers account for; dead letters / rejections counted apart. */
  readonly eventsInTables: number;
  readonly rejected: number;
  readonly duplicates: number;
  readonly losses: number;
  /** Milliseconds from each fault to the service working again. */
  readonly recoveryMs: number[];
  readonly ok: boolean;
  readonly notes?: string;
}

export function recordScenario(figures: ScenarioFigures): void {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  appendFileSync(summaryFile(), JSON.stringify(figures) + '\n');
}

export function readScenarios(): ScenarioFigures[] {
  const file = summaryFile();
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ScenarioFigures);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

function recovery(ms: readonly number[]): string {
  if (ms.length === 0) return '-';
  const sorted = [...ms].sort((a, b) => a - b);
  return `${seconds(sorted[Math.floor((sorted.length - 1) / 2)])} / ${seconds(sorted[sorted.length - 1])}`;
}

/** The summary table (fixed-width text). */
export function formatSummary(rows: readonly ScenarioFigures[]): string {
  const header = ['scenario', 'faults', 'events in', 'in tables', 'rejected', 'dups', 'losses', 'recovery p50/max', 'result'];
  const body = rows.map((r) => [
    r.scenario,
    r.faults,
    String(r.eventsIn),
    String(r.eventsInTables),
    String(r.rejected),
    String(r.duplicates),
    String(r.losses),
    recovery(r.recoveryMs),
    r.ok ? 'ok' : 'FAIL',
  ]);
  const total = [
    'TOTAL',
    `${rows.reduce((a, r) => a + r.faultCount, 0)} faults`,
    String(rows.reduce((a, r) => a + r.eventsIn, 0)),
    String(rows.reduce((a, r) => a + r.eventsInTables, 0)),
    String(rows.reduce((a, r) => a + r.rejected, 0)),
    String(rows.reduce((a, r) => a + r.duplicates, 0)),
    String(rows.reduce((a, r) => a + r.losses, 0)),
    recovery(rows.flatMap((r) => r.recoveryMs)),
    rows.every((r) => r.ok) ? 'ok' : 'FAIL',
  ];
  const all = [header, ...body, total];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const notes = rows.filter((r) => r.notes).map((r) => `  ${r.scenario}: ${r.notes}`);
  return ['', 'Reliability suite summary', line(header), rule, ...body.map(line), rule, line(total), ...(notes.length ? ['notes:', ...notes] : [])].join('\n');
}
