// The import graph of a TypeScript source folder, and the two rules of a layered package: no import
// cycle, and no import from a lower layer to a higher one. Read with the TypeScript parser (no type
// checking): relative imports and re-exports, `import type` included, dynamic `import()` too.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  readonly from: string;
  readonly to: string;
  /** Only types cross the edge (`import type`, or every named binding marked `type`). */
  readonly typeOnly: boolean;
}

/** Layers, lowest first. Each entry names top-level folders or files of the source root. */
export type LayerOrder = readonly (readonly string[])[];

const isTypeOnly = (node: ts.ImportDeclaration | ts.ExportDeclaration): boolean => {
  if (ts.isExportDeclaration(node)) {
    return (
      node.isTypeOnly ||
      (!!node.exportClause &&
        ts.isNamedExports(node.exportClause) &&
        node.exportClause.elements.length > 0 &&
        node.exportClause.elements.every((e) => e.isTypeOnly))
    );
  }
  const clause = node.importClause;
  if (!clause) return false; // side-effect import
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
};

function specifiersOf(file: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnly(node) });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolveRelative(fromFile: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), specifier);
  return [base, `${base}.ts`, path.join(base, 'index.ts')].find((candidate) => candidate.endsWith('.ts') && fs.existsSync(candidate));
}

/** Source files under `root` (tests and `*.spec.ts` left out), as paths relative to `root`. */
export function sourceFiles(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** Relative imports between the source files of `root`; an import that resolves to nothing is an error. */
export function importGraph(root: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of sourceFiles(root)) {
    for (const { specifier, typeOnly } of specifiersOf(path.join(root, from))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(path.join(root, from), specifier);
      if (!target) throw new Error(`${from}: cannot resolve '${specifier}'`);
      edges.push({ from, to: path.relative(root, target).split(path.sep).join('/'), typeOnly });
    }
  }
  return edges;
}

/** Import cycles (strongly connected components of more than one file, or a file importing itself), each as `a -> b -> a`. */
export function findCycles(edges: readonly ImportEdge[]): string[] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  // Tarjan's strongly connected components (recursive: the graphs are small).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[] = [];
  const connect = (node: string): void => {
    const own = index.size;
    let lowest = own;
    index.set(node, own);
    stack.push(node);
    onStack.add(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) connect(to);
      if (onStack.has(to)) lowest = Math.min(lowest, low.get(to) ?? own, index.get(to) ?? own);
    }
    low.set(node, lowest);
    if (lowest !== own) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = member === node ? undefined : stack.pop()) {
      onStack.delete(member);
      component.push(member);
    }
    if (component.length > 1 || (next.get(node) ?? []).includes(node)) cycles.push(describeCycle(component, next));
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) connect(node);
  return cycles.sort();
}

/** One concrete loop through a strongly connected component, from its first file in name order. */
function describeCycle(component: readonly string[], next: ReadonlyMap<string, readonly string[]>): string {
  const members = new Set(component);
  const start = [...component].sort()[0];
  // Breadth-first back to the start: the shortest loop through it.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift() as string;
    for (const to of next.get(node) ?? []) {
      if (!members.has(to)) continue;
      if (to === start) {
        const loop = [start];
        for (let at: string | undefined = node; at !== start && at !== undefined; at = previous.get(at)) loop.splice(1, 0, at);
        return [...loop, start].join(' -> ');
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [...component, start].join(' -> ');
}

/** The layer entry a file belongs to: its top-level folder, or the file itself at the root. */
export const layerEntryOf = (file: string): string => file.split('/')[0];

/** Imports that break the layer order: to a higher layer, or from/to a file no layer names. */
export function layerViolations(edges: readonly ImportEdge[], layers: LayerOrder): string[] {
  const level = new Map<string, number>();
  layers.forEach((entries, i) => entries.forEach((entry) => level.set(entry, i)));
  const violations = new Set<string>();
  for (const { from, to, typeOnly } of edges) {
    const [a, b] = [layerEntryOf(from), layerEntryOf(to)];
    const [la, lb] = [level.get(a), level.get(b)];
    const edge = `${from} -> ${to}${typeOnly ? ' (type only)' : ''}`;
    if (la === undefined || lb === undefined) violations.add(`${edge}: '${la === undefined ? a : b}' is in no layer`);
    else if (lb > la) violations.add(`${edge}: '${a}' (layer ${la}) imports '${b}' (layer ${lb}), a higher layer`);
  }
  return [...violations].sort();
}
