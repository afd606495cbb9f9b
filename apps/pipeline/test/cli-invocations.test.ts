// The pipeline CLI as users and deployments call it: `npm run pipeline -- …` from the repository root
// (README), the pipeline image's CMD and every docker/compose.yml service built from it (the compiled
// bundle, dist/apps/pipeline/main.js, built from src/main.ts by scripts/build/build-app.mjs). Each command line
// must name a real subcommand and pass commander's own checks (known and required options, choices,
// value parsers, no stray arguments) against the command list in src/main.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { pipelineProgram } from '../src/main';

const ROOT = join(__dirname, '../../..');
const ENTRY = ['node', 'dist/apps/pipeline/main.js'];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** Parses `args` (after the entry point) with the real program, the subcommand's action replaced. */
async function resolveCommandLine(args: readonly string[]): Promise<{ command: string; options: Record<string, unknown> }> {
  const program = pipelineProgram();
  const command = program.commands.find((c) => c.name() === args[0]);
  if (!command) throw new Error(`"${args[0]}" is not a pipeline command (${program.commands.map((c) => c.name()).join(', ')})`);
  let options: Record<string, unknown> = {};
  command
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
    .action((parsed: Record<string, unknown>) => void (options = parsed));
  await command.parseAsync(args.slice(1), { from: 'user' });
  return { command: command.name(), options };
}

interface ComposeService {
  build?: { dockerfile?: string };
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  profiles?: string[];
}
const compose = parse(read('docker/compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const pipelineServices = Object.entries(compose.services).filter(([, s]) => s.build?.dockerfile === 'docker/pipeline.Dockerfile');
const dockerfile = read('docker/pipeline.Dockerfile');
const imageCmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? 'null') as string[] | null;
/** Folders the pipeline image's runtime (last) stage copies from the build context (relative to its WORKDIR). */
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
const imageFolders = [...runtimeStage.matchAll(/^COPY (?!--from)(\S+) \.\/\S+$/gm)].map((m) => m[1]);

/** What a service runs: its command, else the image's CMD. */
const commandLine = (service: ComposeService) => service.command ?? imageCmd ?? [];

describe('docker/pipeline.Dockerfile and the compose services built from it', () => {
  it('the image runs the pipeline entry point, streaming by default', async () => {
    const argv = imageCmd ?? [];
    expect(argv.slice(0, ENTRY.length)).toEqual(ENTRY);
    expect((await resolveCommandLine(argv.slice(ENTRY.length))).command).toBe('stream');
  });

  it.each(pipelineServices)('%s runs a real subcommand with valid options', async (_name, service) => {
    const argv = commandLine(service);
    expect(argv.slice(0, ENTRY.length)).toEqual(ENTRY);
    await expect(resolveCommandLine(argv.slice(ENTRY.length))).resolves.toBeDefined();
  });

  it('migrates, seeds and backfills in that order before the pipeline service streams', async () => {
    const byCommand = new Map<string, [string, ComposeService]>();
    for (const [name, service] of pipelineServices) {
      const { command } = await resolveCommandLine(commandLine(service).slice(ENTRY.length));
      if (!service.profiles) byCommand.set(command, [name, service]);
    }
    const [stream, backfill, seed, migrate] = ['stream', 'backfill', 'seed', 'migrate'].map((c) => byCommand.get(c));
    expect(stream?.[0]).toBe('pipeline');
    expect(stream?.[1].restart).toBe('unless-stopped');
    const after = (service: [string, ComposeService] | undefined, step: [string, ComposeService] | undefined) =>
      expect(service?.[1].depends_on?.[step?.[0] ?? '-']?.condition, `${service?.[0]} after ${step?.[0]}`).toBe('service_completed_successfully');
    after(stream, backfill);
    after(backfill, seed);
    after(seed, migrate);
    for (const step of [migrate, seed, backfill]) expect(step?.[1].restart).toBe('no');
  });

  it('reads history the image contains', async () => {
    for (const [name, service] of pipelineServices) {
      const { options } = await resolveCommandLine(commandLine(service).slice(ENTRY.length));
      if (typeof options['from'] !== 'string' || !commandLine(service).includes('--from')) continue;
      const from = options['from'];
      expect(
        imageFolders.some((folder) => from.startsWith(`${folder}/`)),
        `${name}: ${from} is copied into the image`,
      ).toBe(true);
      expect(existsSync(join(ROOT, from)), `${name}: ${from}`).toBe(true);
    }
  });
});

describe('npm run pipeline (the README)', () => {
  const out = mkdtempSync(join(tmpdir(), 'pipeline-cli-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('every `npm run … pipeline -- …` line of the READMEs and docs names a real subcommand with valid options', async () => {
    const docs = ['README.md', 'apps/pipeline/data/README.md', 'apps/pricing-bot/README.md', ...readdirSync(join(ROOT, 'docs')).map((name) => `docs/${name}`)];
    const lines = docs.flatMap((file) => [...read(file).matchAll(/npm run [^\n`]*?pipeline -- ([^-<\s][^`"#\n]*)/g)].map((m) => m[1].trim()));
    expect(lines.length).toBeGreaterThanOrEqual(8);
    for (const line of lines) await expect(resolveCommandLine(line.split(/\s+/)), line).resolves.toBeDefined();
  });

  it('runs from the repository root: help lists every command, load reads the bundled CSVs', { timeout: 120_000 }, () => {
    const run = (...args: string[]) => spawnSync('npm', ['run', '--silent', 'pipeline', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
    const help = run('--help');
    expect(help.status, help.stderr).toBe(0);
    for (const command of pipelineProgram().commands) expect(help.stdout).toContain(`  ${command.name()} `);

    const load = run('load', '--out', out, '--since', '2011-12-09', '--until', '2011-12-09', '--format', 'ndjson');
    expect(load.status, load.stderr).toBe(0);
    expect(JSON.parse(load.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ days: 1, lines: 1632, events: 1617 });
    expect(readdirSync(out).sort()).toEqual(['_catalog.json', 'sales-2011-12-09.ndjson']);
  });
});
