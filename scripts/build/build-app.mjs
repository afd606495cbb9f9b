#!/usr/bin/env node
// `node scripts/build/build-app.mjs <app>`: bundles apps/<app>/src/main.ts into dist/apps/<app>/main.js,
// runnable with plain `node`. The workspace libraries (@shelfstream/*, TypeScript source) are bundled in;
// npm packages stay external (installed from the app's package.json `dependencies`). TypeScript goes
// through SWC so NestJS/TypeORM keep their decorator metadata, as under @swc-node/register.
import { transform } from '@swc/core';
import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const APPS = ['api', 'pipeline', 'pricing-bot'];
const WORKSPACE_SCOPE = '@shelfstream/';

/** npm packages and Node built-ins are required at run time; workspace libraries and relative files are bundled. */
/** @type {import('esbuild').Plugin} */
const externalPackages = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith(WORKSPACE_SCOPE) ? undefined : { path: args.path, external: true }));
  },
};

/**
 * SWC with the tsconfig.base.json decorator settings. `__dirname` keeps meaning the source file's folder:
 * it becomes that folder relative to the bundle, so paths into the repository (the dashboard client,
 * data/) resolve the same from dist/apps/<app> as from the source.
 * @param {string} outdir
 * @returns {import('esbuild').Plugin}
 */
function swcTypeScript(outdir) {
  return {
    name: 'swc-typescript',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const { code } = await transform(source, {
          filename: args.path,
          sourceMaps: 'inline',
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
            target: 'es2022',
            keepClassNames: true,
          },
          module: { type: 'es6' },
        });
        const folder = relative(outdir, dirname(args.path));
        const contents = code.includes('__dirname') ? code.replace(/\b__dirname\b/g, `require("node:path").join(__dirname, ${JSON.stringify(folder)})`) : code;
        return { contents, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

/** Builds one app into dist/apps/<app>; writes esbuild's metafile beside the bundle; returns the bundle's size. @param {string} app */
async function buildApp(app) {
  if (!APPS.includes(app)) throw new Error(`unknown app "${app}" (${APPS.join(', ')})`);
  const outdir = join(ROOT, 'dist/apps', app);
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { main: join(ROOT, 'apps', app, 'src/main.ts') },
    outdir,
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: true,
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [externalPackages, swcTypeScript(outdir)],
  });
  await writeFile(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  return result.metafile.outputs[relative(ROOT, join(outdir, 'main.js'))]?.bytes ?? 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const apps = process.argv.slice(2);
  if (apps.length === 0) {
    console.error(`usage: node scripts/build/build-app.mjs <${APPS.join('|')}>...`);
    process.exit(2);
  }
  for (const app of apps) {
    const started = Date.now();
    const bytes = await buildApp(app);
    console.log(`build: dist/apps/${app}/main.js ${(bytes / 1024).toFixed(0)} KiB in ${Date.now() - started} ms`);
  }
}
