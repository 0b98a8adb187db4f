// Plan tests plan into a folder of their own: after `npm run plan`, running an app's plan test
// leaves apps/<app>/cdktf.out byte-for-byte as the plan wrote it (plan.json is a contract that
// pipelines, the guardrails and Nx's cache read). apps/basic, the smallest app, stands for all.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runPlan, appDir } from '@apigw-private/tools/plan-runner/runner';
import { snapshot } from '@apigw-private/tools/plan-runner/test/folder';
import { PLAN_TIMEOUT_MS, planApp, planFileOfPlan } from '../plan';

const outdir = join(appDir('basic'), 'cdktf.out');

describe('plan test isolation', () => {
  test(
    "a plan test after `npm run plan` leaves the app's cdktf.out byte-for-byte as it was",
    async () => {
      // What `npm run plan` does for apps/basic, unless a plan is already there (a user's, kept).
      if (!existsSync(join(outdir, 'stacks', 'basic', 'plan.json')))
        await runPlan({ app: 'basic', mode: 'offline' });
      const before = snapshot(outdir);
      expect(Object.keys(before)).toEqual(
        expect.arrayContaining([
          'manifest.json',
          'stacks/basic/cdk.tf.json',
          'stacks/basic/plan.json',
        ]),
      );
      const plans = await planApp('basic', ['basic']);
      expect(planFileOfPlan(plans.basic).startsWith(outdir)).toBe(false);
      expect(snapshot(outdir)).toEqual(before);
    },
    PLAN_TIMEOUT_MS,
  );
});
