// The repository is self-contained: no relative path in code, configs, Nx targets or docs leads out of
// it (each is resolved from its file's folder, which is also the working folder of every Nx target).
// `.ci/run` proves the whole by testing a clone that has no sibling folders.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const TEXT = /\.(c|m)?[jt]sx?$|\.json$|\.ya?ml$|\.md$|Dockerfile$|^run$/;
const SKIPPED = new Set(['node_modules', 'dist', 'coverage', 'test-output', 'bench-results', 'data', 'package-lock.json']);

function textFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIPPED.has(entry.name) || (entry.name.startsWith('.') && entry.name !== '.ci')) return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? textFiles(full) : TEXT.test(entry.name) ? [full] : [];
  });
}

describe('relative paths', () => {
  it('all resolve inside the repository', () => {
    const outside: string[] = [];
    for (const file of textFiles(root)) {
      for (const [relative] of fs.readFileSync(file, 'utf8').matchAll(/(?:\.\.\/)+[\w@.-][\w@./-]*/g)) {
        const target = path.resolve(path.dirname(file), relative);
        if (target !== root && !target.startsWith(`${root}${path.sep}`)) outside.push(`${path.relative(root, file)}: ${relative}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
