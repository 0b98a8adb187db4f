import { policyOf, FOREIGN, whereaboutsOf } from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { breachOf, evaluable, evaluationNote } from '../support/evaluation';

export const iamTrustOpen: PlanRule = {
  scope: 'plan',
  id: 'IAM-004',
  description:
    'A role trust policy, judged by its effect, lets neither an anonymous caller nor a principal of an account it does not name assume the role.',
  reason:
    'A trust policy with Principal {"AWS": "*"} (or a condition the caller can satisfy) hands the role, and everything it may do, to every AWS account.',
  level: 'error',
  anchors: ['checkov CKV_AWS_60', 'checkov CKV_AWS_61', 'AWS IAM Access Analyzer: external access'],
  resourceTypes: ['aws_iam_role', 'data.aws_iam_policy_document'],
  async check(plan) {
    const out: Violation[] = [];
    for (const role of plan.ofType('aws_iam_role')) {
      const lookup = policyOf(plan, role, 'assume_role_policy');
      const where = whereaboutsOf(plan, role);
      const policy = evaluable(plan, lookup, `${role.address}.assume_role_policy`, where);
      if (!policy) continue;
      // Trust policies name no resource: one ARN for every role lets equal trusts share answers.
      const roleArn = `arn:${where.partition}:iam::${where.account}:role/trusting-role`;
      const found = await breachOf(
        [
          'anonymous',
          `arn:${where.partition}:iam::${FOREIGN.account(where.account)}:role/outsider`,
        ].map((caller) => ({
          caller,
          action: 'sts:AssumeRole',
          resource: roleArn,
          resourceAccount: where.account,
        })),
        { resourcePolicy: policy.policy },
      );
      if (!found) continue;
      out.push({
        address: role.address,
        message: `The trust policy of ${role.address} (${lookup.kind === 'document' ? lookup.from : ''}) is open: ${found.text}${evaluationNote(policy)}.`,
        fix: 'Name the principals that may assume the role (a service, or roles of named accounts), and add conditions (aws:SourceAccount, sts:ExternalId) where AWS documents them.',
      });
    }
    return out;
  },
};
