// `--name value` command-line flags for the bench scripts, with clear errors (code BENCH_BAD_OPTIONS).

export class BenchError extends Error {
  constructor(
    readonly code: 'BENCH_BAD_OPTIONS' | 'BENCH_CHILD_FAILED' | 'BENCH_MISMATCH' | 'BENCH_TIMEOUT',
    message: string,
  ) {
    super(message);
    this.name = 'BenchError';
  }
}

/** `--a 1 --b 2` -> Map { a: '1', b: '2' }; a bare `--flag` (last, or before another flag) is 'true'. */
export function flagMap(args: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const name = args[i] ?? '';
    if (!name.startsWith('--')) throw new BenchError('BENCH_BAD_OPTIONS', `expected --name [value], got "${name}"`);
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) out.set(name.slice(2), 'true');
    else {
      out.set(name.slice(2), value);
      i++;
    }
  }
  return out;
}

export function requiredFlag(flags: Map<string, string>, name: string): string {
  const value = flags.get(name);
  if (value === undefined) throw new BenchError('BENCH_BAD_OPTIONS', `missing --${name}`);
  return value;
}

export function positiveInt(value: string | undefined, fallback: number, name: string): number {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new BenchError('BENCH_BAD_OPTIONS', `${name} must be a positive integer, got ${value}`);
  return n;
}
