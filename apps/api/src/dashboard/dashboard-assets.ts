// Builds the dashboard (client/*.ts + uPlot CSS) with esbuild once, in memory, on first request.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface Asset {
  body: Buffer;
  type: string;
}

const CLIENT_DIR = join(__dirname, 'client');

async function buildAssets(): Promise<Map<string, Asset>> {
  const result = await build({
    entryPoints: [join(CLIENT_DIR, 'main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    outdir: 'out',
    loader: { '.css': 'css' },
    logLevel: 'silent',
  });
  const assets = new Map<string, Asset>();
  for (const file of result.outputFiles) {
    const name = file.path.endsWith('.css') ? 'app.css' : 'app.js';
    assets.set(name, { body: Buffer.from(file.contents), type: name.endsWith('.css') ? 'text/css' : 'text/javascript' });
  }
  const require = createRequire(__filename);
  const uplotCss = await readFile(require.resolve('uplot/dist/uPlot.min.css'));
  const appCss = assets.get('app.css')?.body ?? Buffer.alloc(0);
  assets.set('app.css', { body: Buffer.concat([uplotCss, Buffer.from('\n'), appCss]), type: 'text/css' });
  assets.set('index.html', { body: await readFile(join(CLIENT_DIR, 'index.html')), type: 'text/html' });
  return assets;
}

let cached: Promise<Map<string, Asset>> | undefined;

export function dashboardAssets(): Promise<Map<string, Asset>> {
  cached ??= buildAssets().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
