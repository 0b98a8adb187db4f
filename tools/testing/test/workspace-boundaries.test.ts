// The workspace's layering, checked on every test run: a relative import never leaves its Nx
// project (other projects are reached through the path aliases), and a tool imports only tools of
// a lower layer, so a change to one tool affects only the tools and apps above it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

/**
 * The layer of every tool: a tool may import tools of a strictly lower layer (and the construct
 * library). A new tool gets its place here.
 */
export const TOOL_LAYERS: Readonly<Record<string, number>> = {
  tfjson: 0,
  policy: 1,
  'plan-runner': 1,
  testing: 2,
  guardrails: 3,
  calls: 3,
  emulator: 3,
  diagrams: 4,
  generators: 5,
  bench: 5,
};

interface Project {
  readonly name: string;
  readonly root: string;
}

function projects(): Project[] {
  const found: Project[] = [];
  for (const group of ['apps', 'libs', 'tools']) {
    const dir = join(ROOT, group);
    for (const name of readdirSync(dir)) {
      const file = join(dir, name, 'project.json');
      if (!existsSync(file)) continue;
      const project = JSON.parse(readFileSync(file, 'utf8')) as { name: string };
      found.push({ name: project.name, root: join(group, name) });
    }
  }
  return found;
}

const SKIP = new Set(['node_modules', 'cdktf.out', 'dist', 'fixtures', 'files', '.nx']);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (SKIP.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const IMPORT = /(?:from\s+|import\s*\(\s*|require\(\s*)'([^']+)'/g;

interface Import {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  /** The workspace-relative path the import points at, when it is a workspace file. */
  readonly target?: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const out: Import[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1];
    const line = text.slice(0, match.index).split('\n').length;
    let target: string | undefined;
    if (specifier.startsWith('.')) target = relative(ROOT, resolve(dirname(file), specifier));
    else if (specifier.startsWith('@apigw-private/tools/'))
      target = join('tools', specifier.slice('@apigw-private/tools/'.length));
    else if (specifier.startsWith('@apigw-private/constructs'))
      target = join(
        'libs',
        'constructs',
        'src',
        specifier.slice('@apigw-private/constructs'.length),
      );
    out.push({ file: relative(ROOT, file), line, specifier, target });
  }
  return out;
}

const all = projects();
const ownerOf = (path: string): Project | undefined =>
  all
    .filter((p) => path === p.root || path.startsWith(`${p.root}/`))
    .sort((a, b) => b.root.length - a.root.length)[0];
const imports = all.flatMap((p) => sourceFiles(join(ROOT, p.root)).flatMap(importsOf));

describe('workspace boundaries', () => {
  it('reads every project and its imports', () => {
    expect(all.map((p) => p.name)).toEqual(
      expect.arrayContaining(['constructs', 'tfjson', 'basic']),
    );
    expect(imports.length).toBeGreaterThan(500);
  });

  it('has a layer for every tool', () => {
    const tools = all.filter((p) => p.root.startsWith('tools/')).map((p) => p.name);
    expect(tools.filter((name) => TOOL_LAYERS[name] === undefined)).toEqual([]);
  });

  it('reaches other projects through the path aliases, never by a relative path', () => {
    const crossing = imports
      .filter((i) => i.specifier.startsWith('.') && i.target)
      .filter((i) => ownerOf(i.file)?.name !== ownerOf(i.target!)?.name)
      .map((i) => `${i.file}:${i.line} imports ${i.specifier}`);
    expect(crossing).toEqual([]);
  });

  it('imports tools only from a lower layer', () => {
    const upward = imports
      .filter((i) => i.file.startsWith('tools/') && i.target?.startsWith('tools/'))
      .filter((i) => {
        const from = ownerOf(i.file)?.name ?? '';
        const to = ownerOf(i.target!)?.name ?? '';
        return from !== to && !(TOOL_LAYERS[to] < TOOL_LAYERS[from]);
      })
      .map((i) => `${i.file}:${i.line} imports ${i.specifier}`);
    expect(upward).toEqual([]);
  });

  it('keeps tools out of the library and app code out of everything else', () => {
    const wrong = imports
      .filter((i) => i.target)
      .filter(
        (i) =>
          (i.file.startsWith('libs/') && !i.target!.startsWith('libs/')) ||
          (/^apps\/[^/]+\/src\//.test(i.file) && i.target!.startsWith('tools/')) ||
          (!i.file.startsWith('apps/') && i.target!.startsWith('apps/')),
      )
      .map((i) => `${i.file}:${i.line} imports ${i.specifier}`);
    expect(wrong).toEqual([]);
  });
});
