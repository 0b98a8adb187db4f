import { firstBreach, whereaboutsOf } from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { evaluable, evaluationNote } from '../support/evaluation';
import {
  ADMIN_EQUIVALENT_POLICIES,
  awsManagedName,
  identityPolicies,
  managedPolicyAttachments,
} from '../support/iam';

/**
 * Actions that let a principal grant itself any permission: change a role's policies or trust,
 * publish a new version of a policy, or mint keys for any user.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
const ESCALATIONS = [
  'iam:PutRolePolicy',
  'iam:AttachRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:CreatePolicyVersion',
  'iam:CreateAccessKey',
] as const;

const RESOURCE_OF: Readonly<Record<(typeof ESCALATIONS)[number], string>> = {
  'iam:PutRolePolicy': 'role/any-role',
  'iam:AttachRolePolicy': 'role/any-role',
  'iam:UpdateAssumeRolePolicy': 'role/any-role',
  'iam:CreatePolicyVersion': 'policy/any-policy',
  'iam:CreateAccessKey': 'user/any-user',
};

export const iamAdminEquivalent: PlanRule = {
  scope: 'plan',
  id: 'IAM-003',
  description:
    'No principal gets administrator power: no AdministratorAccess, PowerUserAccess, IAMFullAccess or AWSOrganizationsFullAccess attachment, and no identity policy that, judged by its effect, lets it rewrite roles, policies or keys of the account.',
  reason:
    'A principal that can attach policies, change trust, publish policy versions or create access keys can grant itself anything, so it is an administrator whatever its policy looks like.',
  level: 'error',
  anchors: ['checkov CKV_AWS_274', 'checkov CKV_AWS_286', 'cdk-nag AwsSolutions-IAM4'],
  resourceTypes: [
    'aws_iam_role_policy_attachment',
    'aws_iam_policy_attachment',
    'aws_iam_user_policy_attachment',
    'aws_iam_group_policy_attachment',
    'aws_iam_role',
    'aws_iam_policy',
    'aws_iam_role_policy',
  ],
  async check(plan) {
    const out: Violation[] = [];
    for (const { holder, arn } of managedPolicyAttachments(plan)) {
      const name = awsManagedName(arn);
      if (!name || !ADMIN_EQUIVALENT_POLICIES.has(name)) continue;
      out.push({
        address: holder.address,
        message: `${holder.address} attaches ${arn}, which grants administrator power; allowed: policies that name the actions and resources the principal needs.`,
        fix: 'Replace the managed policy with an inline policy document naming the actions and resources used.',
      });
    }
    for (const { holder, lookup, label } of identityPolicies(plan)) {
      const where = whereaboutsOf(plan, holder);
      const policy = evaluable(plan, lookup, label, where);
      if (!policy) continue;
      const caller = `arn:${where.partition}:iam::${where.account}:role/holder-of-this-policy`;
      const breach = await firstBreach(
        ESCALATIONS.map((action) => ({
          caller,
          action,
          resource: `arn:${where.partition}:iam::${where.account}:${RESOURCE_OF[action]}`,
          resourceAccount: where.account,
        })),
        { identityPolicies: [policy.policy] },
      );
      if (!breach) continue;
      out.push({
        address: holder.address,
        message: `${label} (${lookup.kind === 'document' ? lookup.from : ''}) is administrator-equivalent: it allows ${breach.probe.action} on ${breach.probe.resource}, with which a principal grants itself any permission${evaluationNote(policy)}.`,
        fix: `Remove ${breach.probe.action} (and the wildcard that grants it), or scope it to the one resource the workload manages with a permissions boundary.`,
      });
    }
    return out;
  },
};
