// `npx nx g ./tools/generators:app <name>`: scaffolds apps/<name>, a reference app wired into
// synth, plan, test, lint, guardrails and docs exactly as the existing apps are (targets come from
// nx.json targetDefaults; the docs generator finds every app with a src/main.ts).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getProjects, logger } from 'nx/src/devkit-exports';
import type { GeneratorCallback, Tree } from 'nx/src/devkit-exports';
import { parseCidr } from '@apigw-private/constructs/config/cidr';
import { Problems } from '@apigw-private/constructs/errors';
import { begin, end } from '@apigw-private/tools/diagrams/docs';

export interface AppGeneratorSchema {
  /** Folder under apps/ and Nx project name, e.g. `orders-api`. */
  readonly name: string;
  /** @default - "A private REST API reached through an interface VPC endpoint." */
  readonly description?: string;
  /** @default - 111111111111, a placeholder that plans offline */
  readonly accountId?: string;
  /** @default - us-east-1 */
  readonly region?: string;
  /** @default - 10.20.0.0/16 */
  readonly vpcCidr?: string;
  /**
   * Skip drawing docs/<name>.md.
   * @default false: `npm run docs -- <name>` runs after the files are written
   */
  readonly skipDocs?: boolean;
}

/** The values the templates are filled with. */
export interface TemplateValues {
  readonly name: string;
  /** `OrdersApi`: class names. */
  readonly className: string;
  /** `ordersApi`: variable names. */
  readonly camelName: string;
  readonly description: string;
  readonly accountId: string;
  readonly region: string;
  readonly vpcCidr: string;
  readonly azA: string;
  readonly azB: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const RESERVED = new Set(['constructs', 'tools', 'libs', 'apps', 'docs', 'node_modules']);

/** Checks the options and returns the template values; one error lists every bad option. */
export function normalizeOptions(tree: Tree, options: AppGeneratorSchema): TemplateValues {
  const problems = new Problems('nx g app');
  const name = options.name;
  const accountId = options.accountId ?? '111111111111';
  const region = options.region ?? 'us-east-1';
  const vpcCidr = options.vpcCidr ?? '10.20.0.0/16';
  const validName =
    typeof name === 'string' && NAME.test(name) && name.length <= 40 && !RESERVED.has(name);
  problems.check(
    validName,
    'InvalidAppName',
    'name',
    name,
    'must be 1-40 lower-case letters, digits and single hyphens, start with a letter, and not be a reserved folder name',
  );
  if (validName) {
    problems.check(
      !tree.exists(`apps/${name}`),
      'AppExists',
      'name',
      name,
      `must not be an existing folder (apps/${name} exists)`,
    );
    problems.check(
      !getProjects(tree).has(name),
      'AppExists',
      'name',
      name,
      'must not be the name of an existing Nx project',
    );
  }
  problems.check(
    /^\d{12}$/.test(accountId),
    'InvalidAccountId',
    'accountId',
    accountId,
    'must be 12 digits',
  );
  problems.check(
    REGION.test(region),
    'InvalidRegion',
    'region',
    region,
    'must be a Region code like us-east-1 or eu-west-2',
  );
  const cidr = parseCidr(vpcCidr);
  problems.check(
    cidr !== undefined && cidr.prefix >= 16 && cidr.prefix <= 24,
    'InvalidCidr',
    'vpcCidr',
    vpcCidr,
    'must be an IPv4 CIDR block from /16 to /24, e.g. 10.20.0.0/16',
  );
  problems.throwIfAny();
  const words = name.split('-');
  const className = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  return {
    name,
    className,
    camelName: className[0].toLowerCase() + className.slice(1),
    description:
      options.description ?? 'A private REST API reached through an interface VPC endpoint.',
    accountId,
    region,
    vpcCidr,
    azA: `${region}a`,
    azB: `${region}b`,
  };
}

/** Fills `<%= key %>` placeholders; an unknown key is an error, so templates cannot rot silently. */
export function fillTemplate(
  text: string,
  values: Readonly<Record<string, string>>,
  file = 'template',
): string {
  return text.replace(/<%=\s*(\w+)\s*%>/g, (_, key: string) => {
    if (!(key in values))
      throw new Error(
        `UnknownTemplateKey: ${file} uses <%= ${key} %>; known keys: ${Object.keys(values).join(', ')}`,
      );
    return values[key];
  });
}

export const TEMPLATES = join(__dirname, 'files');
const DOCS_TEMPLATE = join(__dirname, 'docs-page.md.template');

function templateFiles(dir = TEMPLATES): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? templateFiles(path) : [path];
    });
}

/** Writes apps/<name>/ from the templates (`x.ts.template` -> `x.ts`). */
export function appGenerator(tree: Tree, options: AppGeneratorSchema): GeneratorCallback {
  const values = normalizeOptions(tree, options);
  const root = `apps/${values.name}`;
  for (const file of templateFiles()) {
    const target = `${root}/${relative(TEMPLATES, file)
      .split('\\')
      .join('/')
      .replace(/\.template$/, '')}`;
    tree.write(target, fillTemplate(readFileSync(file, 'utf8'), { ...values }, file));
  }
  // The docs page: hand-written parts from the template, generated blocks filled in by the callback.
  const page = `docs/${values.name}.md`;
  if (!tree.exists(page)) {
    const markers = {
      beginDiagram: begin('diagram'),
      endDiagram: end('diagram'),
      beginCalls: begin('calls'),
      endCalls: end('calls'),
      beginResources: begin('resources'),
      endResources: end('resources'),
    };
    tree.write(
      page,
      fillTemplate(readFileSync(DOCS_TEMPLATE, 'utf8'), { ...values, ...markers }, DOCS_TEMPLATE),
    );
  }
  return () => {
    // Names change line lengths, so the files are formatted once they are on disk, with the repo's
    // Prettier settings (as `npm run format` would).
    const prettier = require.resolve('prettier/bin/prettier.cjs', { paths: [tree.root] });
    spawnSync(process.execPath, [prettier, '--write', '--log-level', 'warn', root, page], {
      cwd: tree.root,
      stdio: 'inherit',
    });
    const tsx = require.resolve('tsx/cli', { paths: [tree.root] });
    // The README lists the documented calls of src/calls.ts, written by the verifier's CLI.
    const readme = spawnSync(
      process.execPath,
      [tsx, 'tools/calls/cli.ts', values.name, '--write-readme'],
      { cwd: tree.root, stdio: 'inherit' },
    );
    if (readme.status !== 0)
      logger.warn(
        `Could not list the documented calls in ${root}/README.md; run \`npm run calls -- ${values.name} --write-readme\`.`,
      );
    if (options.skipDocs) return;
    // The docs page needs a synth, so it is drawn once the files are on disk.
    const result = spawnSync(process.execPath, [tsx, 'tools/diagrams/cli.ts', values.name], {
      cwd: tree.root,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      logger.warn(
        `Could not draw docs/${values.name}.md; run \`npm run docs -- ${values.name}\` once the app synthesizes.`,
      );
    }
    logger.info(
      [
        `Next: npx tsx tools/plan-runner/cli.ts ${values.name}    (synth and offline plan)`,
        `      npx jest --config ${root}/jest.config.js             (plan test with guardrails)`,
        `      npm run calls -- ${values.name}                       (the documented calls, src/calls.ts)`,
        `      edit ${root}/src/stack.ts, then npm run docs -- ${values.name}`,
      ].join('\n'),
    );
  };
}

export default appGenerator;
