// Helpers for plan tests: run the real offline plan of an app once per test file and read the
// resources out of plan.json (the `terraform show -json` format).
import { readFileSync } from 'node:fs';
import { PlanResult, runPlan } from '@apigw-private/tools/plan-runner/runner';

export interface ResourceChange {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly mode: 'managed' | 'data';
  readonly change: {
    readonly actions: readonly string[];
    readonly after: Record<string, unknown> | null;
    readonly after_unknown: Record<string, unknown>;
  };
}

export interface ConfigResource {
  readonly address: string;
  readonly type: string;
  readonly expressions: Record<string, unknown>;
}

export interface TerraformPlan {
  readonly format_version: string;
  readonly resource_changes: readonly ResourceChange[];
  readonly configuration: {
    readonly root_module: { readonly resources?: readonly ConfigResource[] };
  };
  readonly planned_values: {
    readonly outputs?: Record<string, { readonly value?: unknown; readonly sensitive: boolean }>;
  };
}

/** Up to 10 minutes: a cold `terraform init` plus plans of several stacks on two cores. */
export const PLAN_TIMEOUT_MS = 600_000;

/**
 * Synthesizes the app and runs the real `terraform init` / `plan -refresh=false` / `show -json`
 * offline for each of its stacks. Fails, with what to install, when terraform is missing.
 */
export async function planApp(
  app: string,
  stacks?: readonly string[],
): Promise<Record<string, TerraformPlan>> {
  const result: PlanResult = await runPlan({ app, stacks, mode: 'offline' });
  const plans: Record<string, TerraformPlan> = {};
  for (const stack of result.stacks)
    plans[stack.stack] = JSON.parse(readFileSync(stack.planFile, 'utf8')) as TerraformPlan;
  return plans;
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
