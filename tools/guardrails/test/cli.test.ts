import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverPlans, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, run } from '../cli';
import { INSECURE, NO_AWS, PLANTED, SECURE } from './helpers';

async function capture(argv: readonly string[]): Promise<{
  readonly status: number;
  readonly out: string;
  readonly err: string;
}> {
  let out = '';
  let err = '';
  const status = await run(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { status, out, err };
}

/** A workspace with apps/<app>/cdktf.out/stacks/<stack>/plan.json copied from fixtures. */
function workspace(stacks: Readonly<Record<string, string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'guardrails-cli-'));
  for (const [path, fixture] of Object.entries(stacks)) {
    const [app, stack] = path.split('/');
    const dir = join(root, 'apps', app, 'cdktf.out', 'stacks', stack);
    mkdirSync(dir, { recursive: true });
    cpSync(fixture, join(dir, 'plan.json'));
  }
  return root;
}

describe('guardrails CLI', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const track = (root: string) => {
    roots.push(root);
    return root;
  };

  it('exits 0 on a plan without error findings', async () => {
    const { status, out } = await capture(['--no-reports', SECURE]);
    expect(status).toBe(EXIT_OK);
    expect(out).toContain('PASSED: no errors');
  });

  it('exits 1 on error findings and prints rule, address, message and fix', async () => {
    const { status, out } = await capture(['--no-reports', INSECURE]);
    expect(status).toBe(EXIT_FINDINGS);
    expect(out).toContain('  ERROR   ELB-002  aws_lb.public_nlb\n');
    expect(out).toContain(
      'Load balancer aws_lb.public_nlb has enable_deletion_protection = false; allowed: true.',
    );
    expect(out).toContain('Fix: Set enable_deletion_protection = true.');
    expect(out).toContain('FAILED: 62 errors, 2 warnings');
  });

  it('exits 0 when only warnings remain', async () => {
    const { status, out } = await capture([
      '--no-reports',
      '--rule',
      'LOGS-002',
      '--rule',
      'APIGW-PRIVATE-005',
      INSECURE,
    ]);
    expect(status).toBe(EXIT_OK);
    expect(out).toContain('PASSED: no errors, 2 warnings');
  });

  it('checks every apps/*/cdktf.out/stacks/*/plan.json when given no files', async () => {
    const root = track(workspace({ 'basic/primary': SECURE, 'edge/broken': INSECURE }));
    expect(discoverPlans(root).map((p) => p.slice(root.length + 1))).toEqual([
      'apps/basic/cdktf.out/stacks/primary/plan.json',
      'apps/edge/cdktf.out/stacks/broken/plan.json',
    ]);
    const { status, out } = await capture(['--root', root]);
    expect(status).toBe(EXIT_FINDINGS);
    expect(out).toContain(
      'basic/primary  (apps/basic/cdktf.out/stacks/primary/plan.json, 77 resources)',
    );
    expect(out).toContain(
      'edge/broken  (apps/edge/cdktf.out/stacks/broken/plan.json, 49 resources)',
    );
    expect(existsSync(join(root, 'reports', 'guardrails.json'))).toBe(true);
    expect(existsSync(join(root, 'reports', 'guardrails.sarif'))).toBe(true);
  });

  it('says to run npm run plan first and exits 2 when there is no plan', async () => {
    const root = track(mkdtempSync(join(tmpdir(), 'guardrails-empty-')));
    const { status, err } = await capture(['--root', root]);
    expect(status).toBe(EXIT_USAGE);
    expect(err).toContain('no plan.json found');
    expect(err).toContain('run `npm run plan` first');
  });

  it('exits 2 for a plan file that does not exist, and still checks the others', async () => {
    const { status, out, err } = await capture(['--no-reports', '/nonexistent/plan.json', SECURE]);
    expect(status).toBe(EXIT_USAGE);
    expect(err).toContain('MissingPlan: /nonexistent/plan.json does not exist');
    expect(out).toContain('secure.plan.json  (77 resources)');
  });

  it('exits 2 and says nothing was checked for a plan with no AWS resources', async () => {
    const { status, out, err } = await capture(['--no-reports', NO_AWS]);
    expect(status).toBe(EXIT_USAGE);
    expect(out).toContain('NOT CHECKED: nothing was checked: the plan has no AWS resources');
    expect(out).toContain('1 resource of other providers not checked (terraform_data)');
    expect(out).not.toContain('PASSED: no errors');
    expect(err).toContain('nothing was checked');
  });

  it('does not pass a file that holds only {"format_version":"1.2"}', async () => {
    const root = track(mkdtempSync(join(tmpdir(), 'guardrails-bare-')));
    const bare = join(root, 'plan.json');
    writeFileSync(bare, '{"format_version":"1.2"}');
    const { status, out } = await capture(['--no-reports', bare]);
    expect(status).toBe(EXIT_USAGE);
    expect(out).toContain('nothing was checked');
    expect(out).toContain('NOT PASSED: 1 input could not be checked');
  });

  it('says how many resources of other providers it did not check', async () => {
    const { out } = await capture(['--no-reports', PLANTED]);
    expect(out).toContain(
      'Note: 1 resource of other providers not checked (terraform_data): the rules read AWS resources only',
    );
  });

  it('reports an unreadable file next to the findings of the others, with the worst exit status', async () => {
    const root = track(mkdtempSync(join(tmpdir(), 'guardrails-mixed-')));
    const broken = join(root, 'broken.json');
    writeFileSync(broken, '{"format_version": "1.2", ');
    const { status, out, err } = await capture(['--no-reports', INSECURE, broken, SECURE]);
    expect(status).toBe(EXIT_USAGE);
    expect(out).toContain('  ERROR   ELB-002  aws_lb.public_nlb\n');
    expect(out).toContain(
      `${broken}  (not read)\n  NOT CHECKED: InvalidPlan: plan ${broken} is not JSON`,
    );
    expect(out).toContain(
      'NOT PASSED: 1 input could not be checked (see NOT CHECKED above); 62 errors',
    );
    expect(err).toContain(`InvalidPlan: plan ${broken} is not JSON`);
  });

  it('exits 1, not 2, when every file is read and findings are errors', async () => {
    const { status } = await capture(['--no-reports', INSECURE, SECURE]);
    expect(status).toBe(EXIT_FINDINGS);
  });

  it('exits 2 for an unknown rule', async () => {
    const { status, err } = await capture(['--rule', 'NOPE-001', SECURE]);
    expect(status).toBe(EXIT_USAGE);
    expect(err).toContain('unknown rule NOPE-001');
  });

  it('writes the JSON and SARIF reports where told', async () => {
    const root = track(mkdtempSync(join(tmpdir(), 'guardrails-out-')));
    const json = join(root, 'out', 'g.json');
    const sarif = join(root, 'out', 'g.sarif');
    expect((await capture(['--json', json, '--sarif', sarif, INSECURE])).status).toBe(
      EXIT_FINDINGS,
    );
    const report = JSON.parse(readFileSync(json, 'utf8')) as { summary: { errors: number } };
    expect(report.summary.errors).toBe(62);
    expect((JSON.parse(readFileSync(sarif, 'utf8')) as { version: string }).version).toBe('2.1.0');
  });

  it('lists the rules', async () => {
    const { status, out } = await capture(['--list-rules']);
    expect(status).toBe(EXIT_OK);
    expect(out).toMatch(
      /^APIGW-PRIVATE-001 +error +A REST API meant to be private has endpoint type PRIVATE\.$/m,
    );
  });

  it('sets the process exit status through npm run guardrails', async () => {
    const cli = join(__dirname, '..', 'cli.ts');
    const tsx = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
    const failing = spawnSync(tsx, [cli, '--no-reports', INSECURE], { encoding: 'utf8' });
    expect(failing.status).toBe(EXIT_FINDINGS);
    const passing = spawnSync(tsx, [cli, '--no-reports', SECURE], { encoding: 'utf8' });
    expect(passing.status).toBe(EXIT_OK);
  }, 30_000);
});
