// The scheduled workflow applies every stack of every app against moto, one job per app: its
// matrix must name exactly the apps of the workspace, and each job must run `npm run emulate` on
// its app, so a new app cannot be left out of the nightly proof.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listApps } from '@apigw-private/tools/plan-runner/runner';
import { workspaceRoot } from '@apigw-private/tools/plan-runner/terraform';

// `yaml` comes with Nx (an exact dependency of nx), so it resolves from the root without adding one.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require(require.resolve('yaml', { paths: [workspaceRoot] })) as {
  parse: (text: string) => unknown;
};

interface Job {
  readonly strategy?: { readonly matrix?: { readonly app?: readonly string[] } };
  readonly steps: readonly { readonly run?: string }[];
}

const workflow = parse(
  readFileSync(join(workspaceRoot, '.github', 'workflows', 'emulator.yml'), 'utf8'),
) as { readonly on: Record<string, unknown>; readonly jobs: Record<string, Job> };

describe('the scheduled emulator workflow', () => {
  const job = workflow.jobs.apply;

  it('runs on a schedule and on demand', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
  });

  it('has one job per app of the workspace', () => {
    expect([...(job.strategy?.matrix?.app ?? [])].sort()).toEqual([...listApps()].sort());
  });

  it('applies every stack of the job app, with no --stack filter', () => {
    const runs = job.steps.map((s) => s.run?.trim()).filter((r) => r?.includes('emulate'));
    expect(runs).toEqual(['npm run emulate -- ${{ matrix.app }}']);
  });
});
