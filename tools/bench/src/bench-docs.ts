// `npm run bench:docs`: docs/benchmarks.md from a bench JSON (the newest bench-results/bench-*.json, or
// --from FILE). `npm run bench` calls writeBenchmarksDoc itself at the end of a run.
import fs from 'node:fs';
import path from 'node:path';
import type { BenchResults } from './bench-results';
import { benchmarksDoc } from './benchmarks-doc';
import { ROOT } from './child';
import { BenchError, flagMap } from './flags';

export const BENCHMARKS_DOC = path.join(ROOT, 'docs', 'benchmarks.md');

/** The newest bench JSON in `dir` (names carry the ISO time, so they sort by time). */
export function newestResults(dir: string): string {
  const files = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => /^bench-.*\.json$/.test(f))
        .sort()
    : [];
  const newest = files.at(-1);
  if (!newest) throw new BenchError('BENCH_BAD_OPTIONS', `no bench-*.json in ${path.relative(ROOT, dir) || dir}: run \`npm run bench\` first`);
  return path.join(dir, newest);
}

/** Writes docs/benchmarks.md (or `out`) from the bench JSON at `file`; returns the written path. */
export function writeBenchmarksDoc(file: string, out = BENCHMARKS_DOC): string {
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
  fs.writeFileSync(out, benchmarksDoc(results, path.relative(ROOT, file)));
  return out;
}

function main(): void {
  const flags = flagMap(process.argv.slice(2));
  for (const name of flags.keys()) if (!['from', 'out'].includes(name)) throw new BenchError('BENCH_BAD_OPTIONS', `unknown flag --${name} (known: from, out)`);
  const from = flags.get('from');
  const file = from ? path.resolve(from) : newestResults(path.join(ROOT, 'bench-results'));
  const outFlag = flags.get('out');
  const out = writeBenchmarksDoc(file, outFlag ? path.resolve(outFlag) : BENCHMARKS_DOC);
  console.log(`bench:docs: ${path.relative(ROOT, out)} from ${path.relative(ROOT, file)}`);
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    const e = error as Error & { code?: string };
    console.error(`bench:docs: ${e.code ? `[${e.code}] ` : ''}${e.message}`);
    process.exitCode = 1;
  }
}
