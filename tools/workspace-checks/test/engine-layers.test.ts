// The engine's layers are real in its imports: no runtime import cycle, no import of a higher layer
// (type-only imports count), every top-level folder or file in a layer (libs/engine/layers.json).
// The engine also decides nothing on class names and reads no environment variables.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCycles, type ImportEdge, importGraph, type LayerOrder, layerViolations, sourceFiles } from './import-graph';

const engine = path.resolve(__dirname, '../../../libs/engine');
const src = path.join(engine, 'src');
const layers = (JSON.parse(fs.readFileSync(path.join(engine, 'layers.json'), 'utf8')) as { layers: LayerOrder }).layers;
const runtime = (edges: readonly ImportEdge[]) => edges.filter((e) => !e.typeOnly);

describe('engine layers', () => {
  const graph = importGraph(src);

  it('has no runtime import cycle', () => {
    expect(findCycles(runtime(graph))).toEqual([]);
  });

  it('imports only its own layer or lower ones', () => {
    expect(layerViolations(graph, layers)).toEqual([]);
  });

  it('puts every top-level folder and file of src in exactly one layer', () => {
    const named = layers.flat();
    expect(new Set(named).size).toBe(named.length);
    const entries = fs
      .readdirSync(src)
      .filter((name) => fs.statSync(path.join(src, name)).isDirectory() || (name.endsWith('.ts') && !name.endsWith('.spec.ts')));
    expect(entries.filter((name) => !named.includes(name))).toEqual([]);
  });

  it('decides nothing on class names (checkpoints key operators by id and stateKind)', () => {
    expect(sourceFiles(src).filter((file) => /\bconstructor\.name\b/.test(fs.readFileSync(path.join(src, file), 'utf8')))).toEqual([]);
  });

  it('reads no environment variable: config is passed in (the connectors read one only in their test helpers)', () => {
    const readsEnv = (root: string) => sourceFiles(root).filter((file) => /\bprocess\.env\b/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(readsEnv(src)).toEqual([]);
    for (const connector of ['files-connector', 'kafka-connector', 'postgres-connector']) {
      const connectorSrc = path.resolve(engine, '..', connector, 'src');
      expect(readsEnv(connectorSrc).filter((file) => !file.startsWith('testing/'))).toEqual([]);
    }
  });
});

describe('the layer check fails', () => {
  const order: LayerOrder = [['core'], ['api', 'entry.ts'], ['connector']];
  const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, typeOnly });

  it('on an import cycle, naming the loop', () => {
    const edges = [edge('api/a.ts', 'api/b.ts'), edge('api/b.ts', 'core/c.ts'), edge('core/c.ts', 'api/a.ts'), edge('core/d.ts', 'core/d.ts')];
    expect(findCycles(edges)).toEqual(['api/a.ts -> api/b.ts -> core/c.ts -> api/a.ts', 'core/d.ts -> core/d.ts']);
    expect(findCycles([edge('api/a.ts', 'api/b.ts'), edge('api/b.ts', 'core/c.ts')])).toEqual([]);
  });

  it('on an upward import, type-only or not, and on a folder in no layer', () => {
    const edges = [
      edge('core/x.ts', 'connector/y.ts'),
      edge('core/x.ts', 'api/z.ts', true),
      edge('api/z.ts', 'stray/w.ts'),
      edge('api/z.ts', 'entry.ts'),
      edge('connector/y.ts', 'core/x.ts'),
      edge('api/z.ts', 'api/q.ts'),
    ];
    expect(layerViolations(edges, order)).toEqual([
      "api/z.ts -> stray/w.ts: 'stray' is in no layer",
      "core/x.ts -> api/z.ts (type only): 'core' (layer 0) imports 'api' (layer 1), a higher layer",
      "core/x.ts -> connector/y.ts: 'core' (layer 0) imports 'connector' (layer 2), a higher layer",
    ]);
  });

  it('on imports read from files: `import type`, re-exports and dynamic imports included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    };
    write('core/index.ts', "export { api } from '../api/api';\n");
    write('core/types.ts', "import type { Api } from '../api/api';\nexport type T = Api;\n");
    write('core/lazy.ts', "export const load = () => import('../connector/driver');\n");
    write('api/api.ts', "import { type T } from '../core/types';\nimport '../core';\nexport type Api = T;\nexport const api = 1;\n");
    write('connector/driver.ts', 'export const driver = 1;\n');
    write('core/x.spec.ts', "import '../connector/driver';\n");
    try {
      const edges = importGraph(dir);
      expect(edges).toContainEqual(edge('api/api.ts', 'core/types.ts', true));
      expect(findCycles(runtime(edges))).toEqual(['api/api.ts -> core/index.ts -> api/api.ts']);
      expect(layerViolations(edges, order)).toEqual([
        "core/index.ts -> api/api.ts: 'core' (layer 0) imports 'api' (layer 1), a higher layer",
        "core/lazy.ts -> connector/driver.ts: 'core' (layer 0) imports 'connector' (layer 2), a higher layer",
        "core/types.ts -> api/api.ts (type only): 'core' (layer 0) imports 'api' (layer 1), a higher layer",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
