import { describeValues, effectOf, statementLabel } from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { IDENTITY_POLICY_TYPES, identityPolicies } from '../support/iam';

export const iamWildcardActions: PlanRule = {
  scope: 'plan',
  id: 'IAM-001',
  description:
    'Identity policies allow named actions only: no `*`, no `service:*` or other action wildcard, no Allow with NotAction.',
  reason:
    'A wildcard grants every action a service has and every action it adds later, including ones that change permissions or delete data; least privilege names the actions the workload calls.',
  level: 'error',
  anchors: ['checkov CKV_AWS_63', 'checkov CKV_AWS_62', 'cdk-nag AwsSolutions-IAM5'],
  resourceTypes: IDENTITY_POLICY_TYPES,
  check(plan) {
    const out: Violation[] = [];
    for (const { holder, lookup, label } of identityPolicies(plan)) {
      if (lookup.kind !== 'document') continue;
      lookup.statements.forEach((statement, index) => {
        if (effectOf(statement) !== 'Allow') return;
        const wildcards = statement.actions.known.filter((a) => /[*?]/.test(a));
        const notAction = statement.notActions.known.length > 0;
        if (wildcards.length === 0 && !notAction) return;
        out.push({
          address: holder.address,
          message: `${label} (${lookup.from}): ${statementLabel(statement, index)} allows ${notAction ? `every action except ${describeValues(statement.notActions)}` : wildcards.join(', ')}; allowed: named actions only.`,
          fix: 'List the actions the workload calls (e.g. logs:CreateLogStream, logs:PutLogEvents) instead of a wildcard or NotAction.',
        });
      });
    }
    return out;
  },
};
