// End to end: runs `nx g ./tools/generators:app` in a temporary copy of the workspace and proves
// the new app lints, synthesizes, plans (real offline terraform plan through the plan runner),
// passes its own tests (plan test with guardrails, config test) and has an up-to-date docs page.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const APP = 'e2e-orders';
/** Build output, Terraform working files, caches and history stay behind; node_modules is linked. */
const SKIPPED = new Set([
  'node_modules',
  '.git',
  '.nx',
  'dist',
  'coverage',
  'reports',
  '.terraform-cli',
  '.terraform',
]);

let workspace: string;

function copyWorkspace(): string {
  const target = mkdtempSync(join(tmpdir(), 'apigw-generator-'));
  cpSync(root, target, {
    recursive: true,
    filter: (source) => {
      const name = basename(source);
      if (relative(root, source) === '') return true;
      return !SKIPPED.has(name) && name !== 'cdktf.out' && !name.startsWith('cdktf.out.');
    },
  });
  symlinkSync(join(root, 'node_modules'), join(target, 'node_modules'), 'dir');
  return target;
}

function run(command: string, args: readonly string[]): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    APIGW_MODE: 'offline',
  };
  delete env.JEST_WORKER_ID;
  const result = spawnSync(command, args, {
    cwd: workspace,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The file a package's bin entry points at (node_modules/.bin links are not portable). */
function binOf(pkg: string, name = pkg): string {
  const dir = join(root, 'node_modules', pkg);
  const bin = (
    JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      bin: string | Record<string, string>;
    }
  ).bin;
  return join(dir, typeof bin === 'string' ? bin : bin[name]);
}

const node = (pkg: string, ...args: string[]) => run(process.execPath, [binOf(pkg), ...args]);
const nx = (...args: string[]) => node('nx', ...args);

/** Fails with the command's output, so a broken template shows what broke. */
function expectSuccess(result: { status: number | null; output: string }): void {
  expect({
    status: result.status,
    output: result.status === 0 ? '' : result.output.slice(-6000),
  }).toEqual({ status: 0, output: '' });
}

beforeAll(() => {
  workspace = copyWorkspace();
});

afterAll(() => {
  if (workspace && !process.env.KEEP_GENERATOR_WORKSPACE)
    rmSync(workspace, { recursive: true, force: true });
});

describe('nx g ./tools/generators:app in a copy of the workspace', () => {
  test('scaffolds an app that lints, synthesizes, plans, passes its tests and has its docs page', () => {
    expectSuccess(nx('g', './tools/generators:app', APP, '--no-interactive', '--region=eu-west-1'));
    expect(existsSync(join(workspace, 'apps', APP, 'src', 'main.ts'))).toBe(true);

    // Nx sees the project with every target from targetDefaults.
    const show = nx('show', 'project', APP, '--json');
    expectSuccess(show);
    const project = JSON.parse(show.output.slice(show.output.indexOf('{'))) as {
      targets: Record<string, unknown>;
    };
    expect(Object.keys(project.targets).sort()).toEqual(['lint', 'plan', 'synth', 'test']);

    // Lint (eslint + tsc), synth + offline plan through the plan runner, then the app's tests.
    expectSuccess(
      nx(
        'run-many',
        '-t',
        'lint',
        'plan',
        'test',
        '-p',
        APP,
        '--parallel=1',
        '--skip-nx-cache',
        '--outputStyle=static',
      ),
    );
    const plan = JSON.parse(
      readFileSync(join(workspace, 'apps', APP, 'cdktf.out', 'stacks', APP, 'plan.json'), 'utf8'),
    ) as {
      resource_changes: { type: string; change: { actions: string[] } }[];
    };
    const apis = plan.resource_changes.filter((r) => r.type === 'aws_api_gateway_rest_api');
    expect(apis.map((r) => r.change.actions)).toEqual([['create']]);

    // The docs page the generator drew matches what the code draws, and every file is formatted.
    expectSuccess(node('tsx', 'tools/diagrams/cli.ts', APP, '--check'));
    expectSuccess(node('prettier', '--check', `apps/${APP}`, `docs/${APP}.md`));
  }, 900_000);
});
