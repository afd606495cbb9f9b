// Loads test/acceptance/windowing-cases.json (Spark-derived cases; SEMANTICS.md beside it says where they come from).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface WindowSpecSec {
  duration?: number;
  slide?: number;
  startTime?: number;
  durationMs?: number;
  slideMs?: number;
  startTimeMs?: number;
}
export interface CaseBatch {
  input: (number | string)[][];
  expectedOutput: number[][];
  watermarkInDataBatchSec?: number;
  watermarkAfterSec?: number;
  noDataBatchFollows?: boolean;
  assertedNumStateRows?: number;
  assertedNumRowsDroppedByWatermark?: number;
}
export interface WindowingCase {
  name: string;
  window: WindowSpecSec;
  watermarkDelay: number | null;
  outputMode: string;
  inputColumns: string[];
  batches: CaseBatch[];
  conf?: Record<string, string>;
  variants?: (Partial<WindowingCase> & { name: string })[];
}

export const ACCEPTANCE_DIR = resolve(__dirname, '..', 'acceptance');

export function loadWindowingCases(): WindowingCase[] {
  return JSON.parse(readFileSync(resolve(ACCEPTANCE_DIR, 'windowing-cases.json'), 'utf8')) as WindowingCase[];
}

/** Window parameters in ms. */
export function windowMs(w: WindowSpecSec): { size: number; slide: number; start: number } {
  if (w.durationMs !== undefined) return { size: w.durationMs, slide: w.slideMs ?? w.durationMs, start: w.startTimeMs ?? 0 };
  return { size: w.duration! * 1000, slide: (w.slide ?? w.duration!) * 1000, start: (w.startTime ?? 0) * 1000 };
}

export const sortRows = (rows: number[][]): number[][] =>
  [...rows].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  });
