import { FOREIGN, policyOf, whereaboutsOf } from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { breachOf, evaluable, evaluationNote } from '../support/evaluation';

/**
 * Service principals for which AWS recommends aws:SourceAccount / aws:SourceArn in the trust
 * policy of the roles they assume (cross-service confused deputy prevention), with the page that
 * says so and the form of the source ARN the service sends.
 */
const RECOMMENDED: Readonly<Record<string, { readonly doc: string; readonly sourceArn: string }>> =
  {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html
    'ecs-tasks.amazonaws.com': {
      doc: 'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html',
      sourceArn: 'arn:aws:ecs:{region}:{account}:*',
    },
    // https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html
    'vpc-flow-logs.amazonaws.com': {
      doc: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html',
      sourceArn: 'arn:aws:ec2:{region}:{account}:vpc-flow-log/*',
    },
  };

export const iamServiceTrustSource: PlanRule = {
  scope: 'plan',
  id: 'IAM-005',
  description:
    'A role trusted by a service for which AWS recommends it (ecs-tasks, vpc-flow-logs) cannot be assumed by that service on behalf of another account: the trust checks aws:SourceAccount or aws:SourceArn.',
  reason:
    'Without the source condition, the service can be made to use the role for a resource of another customer (the cross-service confused deputy); AWS recommends the condition for these services.',
  level: 'error',
  anchors: [
    'Prowler iam_role_cross_service_confused_deputy_prevention',
    'AWS IAM: the confused deputy problem',
  ],
  resourceTypes: ['aws_iam_role', 'data.aws_iam_policy_document'],
  async check(plan) {
    const out: Violation[] = [];
    for (const role of plan.ofType('aws_iam_role')) {
      const lookup = policyOf(plan, role, 'assume_role_policy');
      if (lookup.kind !== 'document') continue;
      const services = new Set(
        lookup.statements.flatMap((s) =>
          (s.principals ?? [])
            .filter((p) => p.type === 'Service')
            .flatMap((p) => p.identifiers.known),
        ),
      );
      const where = whereaboutsOf(plan, role);
      const policy = evaluable(plan, lookup, `${role.address}.assume_role_policy`, where);
      if (!policy) continue;
      // Trust policies name no resource: one ARN for every role lets equal trusts share answers.
      const roleArn = `arn:${where.partition}:iam::${where.account}:role/trusting-role`;
      const other = FOREIGN.account(where.account);
      for (const service of services) {
        const recommended = RECOMMENDED[service];
        if (!recommended) continue;
        const found = await breachOf(
          [
            {
              caller: service,
              action: 'sts:AssumeRole',
              resource: roleArn,
              resourceAccount: where.account,
              context: {
                'aws:SourceAccount': other,
                'aws:SourceArn': recommended.sourceArn
                  .replace('{region}', where.region)
                  .replace('{account}', other)
                  .replace('*', 'resource'),
              },
            },
          ],
          { resourcePolicy: policy.policy },
        );
        if (!found) continue;
        out.push({
          address: role.address,
          message: `The trust policy of ${role.address} lets ${service} assume it for another account: ${found.text}${evaluationNote(policy)}. AWS recommends aws:SourceAccount or aws:SourceArn here: ${recommended.doc}`,
          fix: `Add condition { test = "StringEquals", variable = "aws:SourceAccount", values = [<this account>] } (or ArnLike aws:SourceArn = ${recommended.sourceArn.replace('{region}', where.region).replace('{account}', where.account)}) to the statement that trusts ${service}.`,
        });
      }
    }
    return out;
  },
};
