// The layering of the construct library's folders, checked on every test run: a module imports
// only its own folder and folders of a strictly lower layer, so lower layers never depend on what
// is built on them and there are no import loops between folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SRC = resolve(__dirname, '..', 'src');

/**
 * The layer of every folder of libs/constructs/src, lowest first. `.` holds the root modules
 * (errors, assets). A new folder gets its place here.
 */
export const LAYERS: Readonly<Record<string, number>> = {
  // Foundations: errors, config schemas, the provider factory, stacks and account scopes.
  '.': 0,
  config: 1,
  providers: 1,
  app: 2,
  // Guardrail suppressions written next to the resources that need them (imports only cdktf).
  guardrails: 2,
  // The types of the calls each app documents (data only; the verifier in tools/calls reads them).
  calls: 2,
  // Building blocks with no network of their own.
  logging: 3,
  iam: 3,
  discovery: 3,
  lambda: 4,
  // The VPC and what joins or lives in it.
  network: 4,
  connectivity: 5,
  endpoints: 5,
  dns: 5,
  privatelink: 6,
  'load-balancing': 7,
  // APIs, then the compute that calls or serves them.
  rest: 8,
  http: 8,
  compute: 9,
  // The composition of the shared chain that every app uses.
  spine: 10,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return entry.endsWith('.ts') ? [path] : [];
  });
}

const folderOf = (file: string): string => {
  const parts = relative(SRC, file).split('/');
  return parts.length === 1 ? '.' : parts[0];
};

const IMPORT = /(?:from\s+|import\s*\(\s*|require\(\s*)'([^']+)'/g;
const ALIAS = '@apigw-private/constructs/';

interface Edge {
  readonly file: string;
  readonly line: number;
  readonly from: string;
  readonly to: string;
}

const files = sourceFiles(SRC);
const edges: Edge[] = files.flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].flatMap((match) => {
    const specifier = match[1];
    let target: string;
    if (specifier.startsWith('.')) target = resolve(dirname(file), specifier);
    else if (specifier.startsWith(ALIAS)) target = join(SRC, specifier.slice(ALIAS.length));
    else return [];
    return [
      {
        file: relative(SRC, file),
        line: text.slice(0, match.index).split('\n').length,
        from: folderOf(file),
        to: folderOf(target),
      },
    ];
  });
});

describe('libs/constructs layers', () => {
  test('reads the library and its internal imports', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(edges.length).toBeGreaterThan(100);
  });

  test('every folder has a layer', () => {
    const folders = [...new Set(files.map(folderOf))];
    expect(folders.filter((folder) => LAYERS[folder] === undefined)).toEqual([]);
  });

  test('a module imports only its own folder and lower layers', () => {
    const upward = edges
      .filter((e) => e.from !== e.to && !(LAYERS[e.to] < LAYERS[e.from]))
      .map(
        (e) =>
          `${e.file}:${e.line} (${e.from}, layer ${LAYERS[e.from]}) imports ${e.to} (layer ${LAYERS[e.to]})`,
      );
    expect(upward).toEqual([]);
  });
});
