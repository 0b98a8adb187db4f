import { FOREIGN, placeholderFor, policyOf, whereaboutsOf } from '@apigw-private/tools/policy';
import type { Plan, PlanResource } from '../engine/plan';
import type { PlanRule, Violation } from '../engine/rule';
import { breachOf, evaluable, evaluationNote } from '../support/evaluation';
import { targetsOf } from '../support/links';

/**
 * Resource policies the rule judges: where the policy is, which resource it guards, and what an
 * outsider would try on it. Actions and ARN forms:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
interface Guarded {
  /** The resource the policy guards (itself, or the one its `key_id`/`queue_url`/... names). */
  readonly target: (plan: Plan, holder: PlanResource) => PlanResource | undefined;
  readonly attribute: string;
  readonly actions: readonly string[];
}

const self = (_: Plan, holder: PlanResource) => holder;
const via =
  (path: string, type: string, attributes: readonly string[]) =>
  (plan: Plan, holder: PlanResource) =>
    targetsOf(plan, holder, path, [type], attributes)[0];

const GUARDED: Readonly<Record<string, Guarded>> = {
  aws_kms_key: { target: self, attribute: 'policy', actions: ['kms:Decrypt'] },
  aws_kms_key_policy: {
    target: via('key_id', 'aws_kms_key', ['id', 'arn', 'key_id']),
    attribute: 'policy',
    actions: ['kms:Decrypt'],
  },
  aws_sqs_queue_policy: {
    target: via('queue_url', 'aws_sqs_queue', ['id', 'url']),
    attribute: 'policy',
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
  },
  aws_sns_topic_policy: {
    target: via('arn', 'aws_sns_topic', ['arn']),
    attribute: 'policy',
    actions: ['sns:Publish'],
  },
  aws_ecr_repository_policy: {
    target: via('repository', 'aws_ecr_repository', ['name', 'id']),
    attribute: 'policy',
    actions: ['ecr:BatchGetImage'],
  },
  aws_secretsmanager_secret_policy: {
    target: via('secret_arn', 'aws_secretsmanager_secret', ['arn', 'id']),
    attribute: 'policy',
    actions: ['secretsmanager:GetSecretValue'],
  },
};

export const resourcePolicyNoOutsiders: PlanRule = {
  scope: 'plan',
  id: 'POLICY-001',
  description:
    'A resource policy (KMS key, SQS queue, SNS topic, ECR repository, secret), judged by its effect, lets neither an anonymous caller nor a principal of another account use the resource.',
  reason:
    'A resource policy grants access by itself: a wildcard principal, or an Allow on a condition the caller controls, hands the key, queue, topic, images or secret to every AWS account.',
  level: 'error',
  anchors: [
    'checkov CKV_AWS_33',
    'checkov CKV_AWS_168',
    'checkov CKV_AWS_169',
    'AWS IAM Access Analyzer: external access',
  ],
  resourceTypes: Object.keys(GUARDED),
  async check(plan) {
    const out: Violation[] = [];
    for (const [type, guarded] of Object.entries(GUARDED)) {
      for (const holder of plan.ofType(type)) {
        const lookup = policyOf(plan, holder, guarded.attribute);
        if (lookup.kind === 'absent') continue;
        const where = whereaboutsOf(plan, holder);
        const target = guarded.target(plan, holder);
        const arn =
          (target &&
            placeholderFor(
              plan,
              { address: target.baseAddress, attribute: 'arn', resolved: true },
              where,
            )) ??
          `arn:${where.partition}:${type.split('_')[1]}:${where.region}:${where.account}:guarded-resource`;
        const policy = evaluable(plan, lookup, holder.address, where);
        if (!policy) continue;
        const callers = [
          'anonymous',
          `arn:${where.partition}:iam::${FOREIGN.account(where.account)}:role/outsider`,
        ];
        const found = await breachOf(
          guarded.actions.flatMap((action) =>
            callers.map((caller) => ({
              caller,
              action,
              resource: arn,
              resourceAccount: where.account,
            })),
          ),
          { resourcePolicy: policy.policy },
        );
        if (!found) continue;
        out.push({
          address: holder.address,
          message: `The ${guarded.attribute} of ${holder.address}${target && target !== holder ? ` (on ${target.address})` : ''} lets outsiders in: ${found.text}${evaluationNote(policy)}.`,
          fix: 'Name the principals of this account (or the AWS service, with aws:SourceAccount / aws:SourceArn) instead of "*", and drop Allows that rest on conditions the caller controls.',
        });
      }
    }
    return out;
  },
};
