// Every package a project imports is declared in that project's package.json, and every declared one is
// used. Workspace projects (libs/*, apps/*) own a package.json: imports from src/ (not specs) must be in
// `dependencies`, tests and benchmarks may use `devDependencies`. The tools (no package.json of their
// own) and the root files (scripts/, configs) use the root package.json. A package declared in several
// manifests has one version spec everywhere.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const SOURCE = /\.(c|m)?[jt]sx?$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', 'test-output', 'bench-results', 'public']);
const builtins = new Set(builtinModules);

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  bin?: string | Record<string, string>;
}
const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
const manifestAt = (dir: string): Manifest => readJson<Manifest>(path.join(dir, 'package.json'));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : SOURCE.test(entry.name) ? [full] : [];
  });
}

/** The package name of a bare import specifier, or null for relative paths and Node's modules. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtins.has(name) ? null : name;
}

/** Package -> the files importing it (static, dynamic, `import type`, `require`). */
function importsOf(files: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    for (const { fileName } of ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true).importedFiles) {
      const name = packageOf(fileName);
      if (name) found.set(name, [...(found.get(name) ?? []), path.relative(root, file)]);
    }
  }
  return found;
}

const isRuntime = (file: string) => /\/src\//.test(file) && !/\.(spec|test)\.[cm]?[jt]sx?$/.test(file);
const covered = (name: string, declared: Record<string, string>) => name in declared;
const peersOf = (name: string): string[] => {
  const file = path.join(root, 'node_modules', name, 'package.json');
  return fs.existsSync(file) ? Object.keys(readJson<Manifest>(file).peerDependencies ?? {}) : [];
};
/** Declared packages nothing imports: left are the @types of imported ones and peers of declared ones. */
function unused(declared: readonly string[], imported: ReadonlySet<string>, extraUse: (name: string) => boolean): string[] {
  const peers = new Set(declared.filter((name) => imported.has(name) || extraUse(name)).flatMap(peersOf));
  const typesFor = (name: string) => name.replace(/^@types\//, '').replace(/^(.+)__(.+)$/, '@$1/$2');
  return declared.filter(
    (name) =>
      !imported.has(name) && !peers.has(name) && !extraUse(name) && !(name.startsWith('@types/') && (imported.has(typesFor(name)) || extraUse(typesFor(name)))),
  );
}

/** The workspace libraries (folders) an app depends on, directly or through one another. */
function bundledLibraries(manifest: Manifest, seen = new Set<string>()): string[] {
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    const dir = name.startsWith('@shelfstream/') ? `libs/${name.slice('@shelfstream/'.length)}` : null;
    if (!dir || seen.has(dir) || !fs.existsSync(path.join(root, dir, 'package.json'))) continue;
    seen.add(dir);
    bundledLibraries(manifestAt(path.join(root, dir)), seen);
  }
  return [...seen];
}

const projectDirs = ['libs', 'apps', 'tools']
  .flatMap((dir) => fs.readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}`))
  .filter((dir) => fs.existsSync(path.join(root, dir, 'project.json')));
const workspaces = projectDirs.filter((dir) => fs.existsSync(path.join(root, dir, 'package.json')));
const rootOwned = [
  ...projectDirs.filter((dir) => !workspaces.includes(dir)).flatMap((dir) => sourceFiles(path.join(root, dir))),
  ...sourceFiles(path.join(root, 'scripts')),
  ...fs
    .readdirSync(root)
    .filter((name) => SOURCE.test(name))
    .map((name) => path.join(root, name)),
];

describe.each(workspaces)('%s/package.json', (dir) => {
  const manifest = manifestAt(path.join(root, dir));
  const files = sourceFiles(path.join(root, dir));
  const imports = importsOf(files);
  imports.delete(manifest.name ?? '');

  it('declares every package its files import (src in dependencies)', () => {
    const all = { ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies };
    const missing = [...imports].filter(([name]) => !covered(name, all)).map(([name, by]) => `${name} (${by[0]})`);
    const runtimeInDev = [...imports]
      .filter(([name, by]) => by.some(isRuntime) && covered(name, all) && !covered(name, { ...manifest.dependencies, ...manifest.peerDependencies }))
      .map(([name, by]) => `${name} (${by.find(isRuntime)})`);
    expect(missing).toEqual([]);
    expect(runtimeInDev).toEqual([]);
  });

  it('declares nothing it does not use', () => {
    const declared = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies });
    // An app's production bundle inlines the workspace libraries it depends on, so it declares their packages too.
    const bundled = new Set(bundledLibraries(manifest).flatMap((lib) => [...importsOf(sourceFiles(path.join(root, lib, 'src'))).keys()]));
    expect(unused(declared, new Set(imports.keys()), (name) => bundled.has(name))).toEqual([]);
  });
});

describe('package.json at the root (tools, scripts, configs)', () => {
  const manifest = manifestAt(root);
  const imports = importsOf(rootOwned);
  const declared = { ...manifest.dependencies, ...manifest.devDependencies };

  it('declares every package the tools, scripts and configs import', () => {
    expect([...imports].filter(([name]) => !covered(name, declared)).map(([name, by]) => `${name} (${by[0]})`)).toEqual([]);
  });

  it('declares nothing unused: each is imported, a peer of one that is, run as a command or preloaded', () => {
    // Command lines: npm scripts, Nx targets, the scripts' spawns, CI, the Dockerfiles.
    const commands = [
      ...Object.values(manifest.scripts ?? {}),
      ...projectDirs.map((dir) => fs.readFileSync(path.join(root, dir, 'project.json'), 'utf8')),
      ...sourceFiles(path.join(root, 'scripts')).map((file) => fs.readFileSync(file, 'utf8')),
      fs.readFileSync(path.join(root, '.ci/run'), 'utf8'),
    ].join('\n');
    const types = readJson<{ compilerOptions: { types?: string[] } }>(path.join(root, 'tsconfig.base.json')).compilerOptions.types ?? [];
    const binsOf = (name: string): string[] => {
      const bin = manifestAt(path.join(root, 'node_modules', name)).bin;
      return typeof bin === 'string' ? [name.split('/').pop() ?? name] : Object.keys(bin ?? {});
    };
    const runOrPreloaded = (name: string) =>
      commands.includes(`-r ${name}`) || types.includes(name) || binsOf(name).some((bin) => new RegExp(`(^|[\\s'"])${bin}[\\s'"]`, 'm').test(commands));
    expect(unused(Object.keys(declared), new Set(imports.keys()), runOrPreloaded)).toEqual([]);
  });
});

describe('version specs', () => {
  it('are the same wherever a package is declared', () => {
    const specs = new Map<string, Set<string>>();
    for (const dir of ['.', ...workspaces]) {
      const manifest = manifestAt(path.join(root, dir));
      for (const [name, spec] of Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }))
        specs.set(name, (specs.get(name) ?? new Set()).add(spec));
    }
    expect([...specs].filter(([, set]) => set.size > 1).map(([name, set]) => `${name}: ${[...set].join(' vs ')}`)).toEqual([]);
  });
});
