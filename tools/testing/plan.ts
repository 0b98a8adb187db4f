// Helpers for plan tests: run the real offline plan of an app once per test file and read the
// resources out of plan.json (the `terraform show -json` format). Tests plan into a folder of
// their own under the system's temporary folder, never into apps/<app>/cdktf.out, which holds
// what `npm run plan` wrote for the user, pipelines and Nx's cache.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '@apigw-private/tools/plan-runner/lock';
import { PlanResult, runPlan } from '@apigw-private/tools/plan-runner/runner';
import { formatDiagnostic } from '@apigw-private/tools/plan-runner/terraform';
import type { ResourceChange, TerraformPlan } from '@apigw-private/tools/tfjson';

export type { ConfigResource, ResourceChange, TerraformPlan } from '@apigw-private/tools/tfjson';

/** Up to 10 minutes: a cold `terraform init` plus plans of several stacks on two cores. */
export const PLAN_TIMEOUT_MS = 600_000;

/** Where each plan returned by planApp came from, and Terraform's warnings for its stack. */
const origins = new WeakMap<
  TerraformPlan,
  { readonly file: string; readonly warnings: string[] }
>();

const TEST_OUTDIR_PREFIX = 'apigw-plan-test-';

/** A fresh output folder for one test run; folders of test runs that have ended are removed. */
export function testOutdir(app: string): string {
  const base = tmpdir();
  for (const name of readdirSync(base)) {
    if (!name.startsWith(TEST_OUTDIR_PREFIX)) continue;
    const pid = Number(name.slice(TEST_OUTDIR_PREFIX.length).split('-')[0]);
    if (pid !== process.pid && !isAlive(pid))
      rmSync(join(base, name), { recursive: true, force: true });
  }
  return mkdtempSync(join(base, `${TEST_OUTDIR_PREFIX}${process.pid}-${app}-`));
}

/**
 * Synthesizes the app and runs the real `terraform init` / `plan -refresh=false` / `show -json`
 * offline for each of its stacks, in an output folder of this test run (see testOutdir). Fails,
 * with what to install, when terraform is missing.
 */
export async function planApp(
  app: string,
  stacks?: readonly string[],
): Promise<Record<string, TerraformPlan>> {
  const outdir = testOutdir(app);
  const result: PlanResult = await runPlan({ app, stacks, mode: 'offline', outdir });
  const plans: Record<string, TerraformPlan> = {};
  for (const stack of result.stacks) {
    const plan = JSON.parse(readFileSync(stack.planFile, 'utf8')) as TerraformPlan;
    origins.set(plan, { file: stack.planFile, warnings: stack.warnings.map(formatDiagnostic) });
    plans[stack.stack] = plan;
  }
  return plans;
}

function originOf(plan: TerraformPlan) {
  const origin = origins.get(plan);
  if (!origin) throw new Error('this plan did not come from planApp');
  return origin;
}

/** The plan.json file a plan from planApp was read from (in the test run's own folder). */
export function planFileOfPlan(plan: TerraformPlan): string {
  return originOf(plan).file;
}

/**
 * Terraform's warnings per stack, only for stacks that have any: `{}` when every stack plans
 * cleanly. `expect(terraformWarningsOf(plans)).toEqual({})` names each stack and warning when it fails.
 */
export function terraformWarningsOf(
  plans: Record<string, TerraformPlan>,
): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [stack, plan] of Object.entries(plans)) {
    const { warnings } = originOf(plan);
    if (warnings.length > 0) found[stack] = warnings;
  }
  return found;
}

/** Managed resources of one type that the plan creates or changes. */
export function resourcesOf(plan: TerraformPlan, type: string): ResourceChange[] {
  return plan.resource_changes.filter((r) => r.mode === 'managed' && r.type === type);
}

/** The one resource of a type; fails when there are none or several. */
export function onlyResourceOf(plan: TerraformPlan, type: string): ResourceChange {
  const found = resourcesOf(plan, type);
  if (found.length !== 1)
    throw new Error(
      `expected one ${type}, found ${found.length}: ${found.map((r) => r.address).join(', ')}`,
    );
  return found[0];
}

/** Data sources of one type, including those deferred to apply. */
export function dataSourcesOf(plan: TerraformPlan, type: string): ResourceChange[] {
  return plan.resource_changes.filter((r) => r.mode === 'data' && r.type === type);
}

/** A value the plan knows (`after`), or undefined when it is known only after apply. */
export function after<T = unknown>(resource: ResourceChange, key: string): T {
  return (resource.change.after ?? {})[key] as T;
}

/** True when Terraform will learn the attribute only at apply. */
export function unknownAtPlan(resource: ResourceChange, key: string): boolean {
  return resource.change.after_unknown[key] === true;
}

/** The configuration expressions of a resource: constant values and references. */
export function configOf(plan: TerraformPlan, address: string): Record<string, unknown> {
  const found = (plan.configuration.root_module.resources ?? []).find((r) => r.address === address);
  if (!found) throw new Error(`no configuration for ${address}`);
  return found.expressions;
}

/** The references of one expression, e.g. `['aws_vpc_endpoint.x.id', 'aws_vpc_endpoint.x']`. */
export function referencesOf(expression: unknown): string[] {
  if (expression && typeof expression === 'object' && 'references' in expression) {
    return (expression as { references: string[] }).references;
  }
  return [];
}
