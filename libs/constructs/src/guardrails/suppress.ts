import { TerraformResource } from 'cdktf';
import type { IConstruct } from 'constructs';
import {
  COMMENT_KEY,
  GUARDRAILS_KEY,
  MIN_REASON_LENGTH,
  RULE_ID_PATTERN,
  SUPPRESSIONS_KEY,
} from './suppression-format';

/**
 * Switches guardrail rule `ruleId` off for `construct`, with the reason written next to the code
 * that needs the exception (as cdk-nag's NagSuppressions.addResourceSuppressions does):
 *
 *   const lb = new Lb(this, 'resource', { ... enableDeletionProtection: props.deletionProtection });
 *   if (!props.deletionProtection) {
 *     suppress(lb, 'ELB-002', 'Ephemeral test stack: destroyed after every pipeline run');
 *   }
 *
 * `construct` is a Terraform resource, or any construct: then every resource under it is
 * suppressed. The suppression is written into the synthesized cdk.tf.json, inside the `//` object
 * cdktf already writes on each resource (`"//": { "guardrails": { "suppressions": { ruleId:
 * reason } } }`), which Terraform ignores; the guardrails read it from the cdk.tf.json beside
 * plan.json. Data sources cannot carry suppressions (cdktf rewrites their `//`); findings are
 * reported on the resources that use them, so suppress those.
 *
 * Throws InvalidRuleId for an ID of the wrong form, MissingSuppressionReason for a reason shorter
 * than 10 characters, and NothingToSuppress when `construct` holds no resource.
 *
 * @returns the resources the suppression was recorded on
 */
export function suppress(
  construct: IConstruct,
  ruleId: string,
  reason: string,
): readonly TerraformResource[] {
  if (!RULE_ID_PATTERN.test(ruleId)) {
    throw new Error(
      `InvalidRuleId: suppress(${construct.node.path}) ruleId must be a guardrail rule ID like "ELB-002" or "APIGW-PRIVATE-001", got ${JSON.stringify(ruleId)}`,
    );
  }
  if (typeof reason !== 'string' || reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(
      `MissingSuppressionReason: suppress(${construct.node.path}, ${ruleId}) reason must say why the exception is safe (at least ${MIN_REASON_LENGTH} characters), got ${JSON.stringify(reason)}`,
    );
  }
  const targets = TerraformResource.isTerraformResource(construct)
    ? [construct]
    : construct.node
        .findAll()
        .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c));
  if (targets.length === 0) {
    throw new Error(
      `NothingToSuppress: suppress(${construct.node.path}, ${ruleId}) found no Terraform resource at or under this construct (data sources cannot carry suppressions)`,
    );
  }
  for (const target of targets) {
    target.addOverride(
      `${COMMENT_KEY}.${GUARDRAILS_KEY}.${SUPPRESSIONS_KEY}.${ruleId}`,
      reason.trim(),
    );
  }
  return targets;
}
