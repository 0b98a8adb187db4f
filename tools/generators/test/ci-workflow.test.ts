// The example GitHub Actions workflow: valid YAML, and every `run:` names a command this repo has
// (an npm script, an Nx target, or npm ci), so the example cannot drift from the repo.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
// `yaml` comes with Nx (an exact dependency of nx), so it resolves from the root without adding one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require(require.resolve('yaml', { paths: [root] })) as {
  parse: (text: string) => unknown;
};

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, string | number | boolean>;
}
interface Workflow {
  readonly name: string;
  readonly on: Record<string, unknown>;
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { readonly 'runs-on': string; readonly steps: readonly Step[] }>;
}

const workflow = parse(
  readFileSync(join(root, '.github', 'workflows', 'ci.yml'), 'utf8'),
) as Workflow;
const scripts = Object.keys(
  (
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    }
  ).scripts,
);

/** Nx targets: those in nx.json targetDefaults and those any project.json declares. */
function nxTargets(): Set<string> {
  const targets = new Set(
    Object.keys(
      (JSON.parse(readFileSync(join(root, 'nx.json'), 'utf8')) as { targetDefaults: object })
        .targetDefaults,
    ),
  );
  for (const dir of ['apps', 'libs']) {
    for (const project of existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : []) {
      const file = join(root, dir, project, 'project.json');
      if (existsSync(file))
        for (const t of Object.keys(
          (JSON.parse(readFileSync(file, 'utf8')) as { targets?: object }).targets ?? {},
        ))
          targets.add(t);
    }
  }
  return targets;
}

/** Why a command is not one the repo has, or undefined when it is. */
export function unknownCommand(
  command: string,
  known: { scripts: readonly string[]; targets: ReadonlySet<string> },
): string | undefined {
  const words = command.trim().split(/\s+/);
  if (words.join(' ') === 'npm ci') return undefined;
  if (words[0] === 'npm' && (words[1] === 'test' || words[1] === 'start')) {
    return known.scripts.includes(words[1])
      ? undefined
      : `package.json has no "${words[1]}" script`;
  }
  if (words[0] === 'npm' && words[1] === 'run') {
    return known.scripts.includes(words[2])
      ? undefined
      : `package.json has no "${words[2]}" script`;
  }
  if (words[0] === 'npx' && words[1] === 'nx' && ['affected', 'run-many'].includes(words[2])) {
    const flag = words.findIndex((w) => w === '-t' || w === '--target' || w === '--targets');
    if (flag === -1) return `${command} names no target (-t)`;
    const missing = words[flag + 1].split(',').filter((t) => !known.targets.has(t));
    return missing.length ? `no Nx target ${missing.join(', ')}` : undefined;
  }
  return `not an npm script, an Nx target or npm ci: ${command}`;
}

const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
const runs = steps
  .filter((s) => s.run)
  .flatMap((s) =>
    s
      .run!.split('\n')
      .flatMap((line) => line.split('&&'))
      .map((c) => c.trim())
      .filter(Boolean),
  );

describe('.github/workflows/ci.yml', () => {
  test('parses as a workflow that runs on pull requests and pushes to main, read-only', () => {
    expect(workflow.name).toBe('ci');
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.permissions.contents).toBe('read');
    expect(Object.values(workflow.permissions).every((p) => p === 'read')).toBe(true);
  });

  test('every run: names an npm script, an Nx target or npm ci', () => {
    const known = { scripts, targets: nxTargets() };
    expect(runs.length).toBeGreaterThan(0);
    expect(runs.map((c) => unknownCommand(c, known)).filter(Boolean)).toEqual([]);
  });

  test('runs install, lint, tests, affected plans and guardrails, in that order', () => {
    expect(runs).toEqual([
      'npm ci',
      'npm run lint',
      'npm test',
      'npx nx affected -t plan --base=$NX_BASE --head=$NX_HEAD',
      'npm run guardrails',
    ]);
  });

  test('sets up Terraform 1.11 without the wrapper, and pins every action to a major version', () => {
    const terraform = steps.find((s) => s.uses?.startsWith('hashicorp/setup-terraform@'))!;
    expect(terraform.with).toEqual({ terraform_version: '<1.12.0', terraform_wrapper: false });
    for (const step of steps.filter((s) => s.uses))
      expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/);
  });

  test('uploads every plan.json and both guardrail reports, even when a step failed', () => {
    const uploads = steps.filter((s) => s.uses?.startsWith('actions/upload-artifact@'));
    const paths = uploads.flatMap((s) =>
      String(s.with?.path)
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean),
    );
    expect(paths.sort()).toEqual([
      'apps/*/cdktf.out/stacks/*/plan.json',
      'reports/guardrails.json',
      'reports/guardrails.sarif',
    ]);
    expect(uploads.every((s) => (s as { if?: string }).if === 'always()')).toBe(true);
  });
});

describe('unknownCommand', () => {
  const known = { scripts: ['test', 'lint'], targets: new Set(['plan']) };

  test('accepts scripts, targets and npm ci', () => {
    expect(unknownCommand('npm run lint', known)).toBeUndefined();
    expect(unknownCommand('npx nx affected -t plan --base=x', known)).toBeUndefined();
    expect(unknownCommand('npm ci', known)).toBeUndefined();
  });

  test('fails when a command names a script, a target or a tool the repo lacks', () => {
    expect(unknownCommand('npm run deploy', known)).toBe('package.json has no "deploy" script');
    expect(unknownCommand('npx nx affected -t plan,apply', known)).toBe('no Nx target apply');
    expect(unknownCommand('terraform apply', known)).toMatch(/^not an npm script/);
  });
});
