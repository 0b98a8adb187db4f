/**
 * Guardrails: security and reliability rules checked on Terraform plan JSON.
 *
 *   import { checkPlanFile, errorsOf } from '@apigw-private/tools/guardrails';
 *   expect(errorsOf(checkPlanFile(planJsonPath))).toEqual([]);
 *
 * The cdktf suppression helper lives in './suppress' (import it from there: this entry point does
 * not load cdktf).
 */
export {
  checkPlanFile,
  checkPlanJson,
  checkPlans,
  checkStacks,
  errorsOf,
  findingsOf,
  loadStack,
  stackNameOf,
  warningsOf,
  TOOL_NAME,
  TOOL_VERSION,
} from './engine/check';
export type {
  CheckOptions,
  Finding,
  Report,
  RuleSummary,
  StackInput,
  StackReport,
  SuppressedFinding,
  SuppressionStatus,
} from './engine/check';
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
export { ALL_RULES } from './rules';
