/**
 * Guardrails: security and reliability rules checked on Terraform plan JSON.
 *
 *   import { checkPlanFile, errorsOf } from '@apigw-private/tools/guardrails';
 *   expect(errorsOf(await checkPlanFile(planJsonPath))).toEqual([]);
 *
 * The cdktf suppression helper lives in './suppress' (import it from there: this entry point does
 * not load cdktf).
 */
import * as engine from './engine/check';
import type { StackInput } from './engine/load';
import type { Rule } from './engine/rule';
import { ALL_RULES } from './rules';

export {
  errorsOf,
  findingsOf,
  problemsOf,
  warningsOf,
  TOOL_NAME,
  TOOL_VERSION,
} from './engine/check';
export { loadStack, loadStacks, stackNameOf } from './engine/load';
export type { StackInput, UnreadableInput } from './engine/load';
export type {
  Finding,
  Report,
  RuleSummary,
  StackReport,
  SuppressedFinding,
  SuppressionStatus,
} from './engine/check';

/** Options of the public checks: the engine's, with every rule unless told otherwise. */
export type CheckOptions = Omit<engine.CheckOptions, 'rules'> & {
  /** The rules to run. @default - every rule (ALL_RULES) */
  readonly rules?: readonly Rule[];
};

function withRules(options: CheckOptions): engine.CheckOptions {
  return {
    ...options,
    rules: options.rules ?? ALL_RULES,
    knownRuleIds: [...(options.knownRuleIds ?? []), ...ALL_RULES.map((r) => r.id)],
  };
}

/** Checks plan.json files (with the cdk.tf.json beside each, when present) together. */
export function checkPlans(
  files: readonly string[],
  options: CheckOptions = {},
): Promise<engine.Report> {
  return engine.checkPlans(files, withRules(options));
}

/** Checks one plan.json (and the cdk.tf.json beside it, when present). */
export function checkPlanFile(file: string, options: CheckOptions = {}): Promise<engine.Report> {
  return engine.checkPlans([file], withRules(options));
}

/** Checks plans already read. */
export function checkStacks(
  inputs: readonly StackInput[],
  options: CheckOptions = {},
): Promise<engine.Report> {
  return engine.checkStacks(inputs, withRules(options));
}

/** Checks a plan already in memory, e.g. `JSON.parse` of `terraform show -json` output. */
export function checkPlanJson(
  plan: unknown,
  stack: string = 'plan',
  options: CheckOptions & { readonly cdktf?: unknown } = {},
): Promise<engine.Report> {
  return engine.checkPlanJson(plan, stack, withRules(options));
}
export { formatReport, toSarif, writeReports } from './engine/report';
export type { SarifLog } from './engine/report';
export { PlanResource, parsePlan } from './engine/plan';
export type { Expression, Plan, PlanSource, Reference } from './engine/plan';
export { policyOf, parsePolicyJson } from '@apigw-private/tools/policy';
export type {
  PolicyLookup,
  PolicyStatement,
  PolicyCondition,
  PolicyPrincipal,
  ValueSet,
} from '@apigw-private/tools/policy';
export type {
  Level,
  PlanRule,
  Rule,
  RuleInfo,
  StacksRule,
  StackViolation,
  Violation,
} from './engine/rule';
export { parseSuppressionsFile, readSuppressionsFile } from './engine/suppressions';
export type { FileSuppression, Suppression } from './engine/suppressions';
export { ALL_RULES };
