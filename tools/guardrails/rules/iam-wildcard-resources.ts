import { effectOf, statementLabel, takesResource } from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { IDENTITY_POLICY_TYPES, identityPolicies } from '../support/iam';

export const iamWildcardResources: PlanRule = {
  scope: 'plan',
  id: 'IAM-002',
  description:
    'Identity policies grant `Resource: "*"` only for actions that take no resource ARN (ecr:GetAuthorizationToken, ec2:DescribeNetworkInterfaces).',
  reason:
    'An action that can name its resource but is granted on `*` reaches every such resource of the account, and of other accounts that trust it; AWS documents which actions take only `*`.',
  level: 'error',
  anchors: ['checkov CKV_AWS_355', 'checkov CKV_AWS_290', 'cdk-nag AwsSolutions-IAM5'],
  resourceTypes: IDENTITY_POLICY_TYPES,
  async check(plan) {
    const out: Violation[] = [];
    for (const { holder, lookup, label } of identityPolicies(plan)) {
      if (lookup.kind !== 'document') continue;
      for (const [index, statement] of lookup.statements.entries()) {
        if (effectOf(statement) !== 'Allow' || !statement.resources.known.includes('*')) continue;
        const scoped: string[] = [];
        for (const action of statement.actions.known) {
          if (/[*?]/.test(action)) continue; // IAM-001 reports wildcards.
          if ((await takesResource(action)) !== false) scoped.push(action);
        }
        if (scoped.length === 0) continue;
        out.push({
          address: holder.address,
          message: `${label} (${lookup.from}): ${statementLabel(statement, index)} grants ${scoped.join(', ')} on resource *; these actions take resource ARNs (or are unknown to the IAM data), so * is not allowed.`,
          fix: "Name the resources (ARNs of this stack's log groups, repositories, network interfaces in its subnets), or condition the statement where the action cannot name one.",
        });
      }
    }
    return out;
  },
};
