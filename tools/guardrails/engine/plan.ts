/**
 * The guardrails read plans through the workspace's one Terraform JSON reader (tools/tfjson); a
 * plan source here also carries the suppressions and the rule IDs of the run.
 */
import {
  parsePlan as parseTerraformJson,
  Plan as TerraformPlan,
  PlanSource as TerraformSource,
} from '@apigw-private/tools/tfjson';
import type { Suppression } from './suppressions';

export type { Expression, Reference } from '@apigw-private/tools/tfjson';
export { PlanResource } from '@apigw-private/tools/tfjson';

export interface PlanSource extends TerraformSource {
  /** Suppressions that apply to this stack, from cdk.tf.json and suppressions files. */
  readonly suppressions?: readonly Suppression[];
  /** IDs of the rules of this run, to catch suppressions of rules that do not exist. */
  readonly ruleIds?: ReadonlySet<string>;
}

/** A Terraform plan (`terraform show -json` output) indexed for the rules. */
export type Plan = TerraformPlan<PlanSource>;

/** Checks the shape of parsed JSON and indexes it; throws InvalidPlan on anything else. */
export function parsePlan(json: unknown, source: PlanSource): Plan {
  return parseTerraformJson(json, source);
}
