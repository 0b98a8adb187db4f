import { firstBreach, OUTSIDER_PERMISSIONS } from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { evaluationNote } from '../support/evaluation';
import { bucketPolicies } from '../support/s3';

/**
 * Enforcing TLS with a Deny on aws:SecureTransport false:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
 */
export const s3TlsOnly: PlanRule = {
  scope: 'plan',
  id: 'S3-003',
  description:
    'Every S3 bucket policy, judged by its effect, denies requests that do not use TLS (aws:SecureTransport false), even to a principal of the account with full permissions.',
  reason:
    'Identity policies allow requests over plain HTTP; only an explicit Deny in the bucket policy makes TLS mandatory for every caller.',
  level: 'error',
  anchors: ['cdk-nag AwsSolutions-S10', 'AWS Security Hub S3.5'],
  resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_policy', 'data.aws_iam_policy_document'],
  async check(plan) {
    const out: Violation[] = [];
    for (const bucket of plan.ofType('aws_s3_bucket')) {
      const { where, arns, holders, policies: readable } = bucketPolicies(plan, bucket);
      const probe = (action: string, resource: string) => ({
        caller: `arn:${where.partition}:iam::${where.account}:role/insider`,
        action,
        resource,
        resourceAccount: where.account,
        context: { 'aws:SecureTransport': 'false' },
      });
      let allowed = false;
      for (const policy of readable.length > 0 ? readable : [undefined]) {
        const breach = await firstBreach(
          [probe('s3:GetObject', arns.object), probe('s3:PutObject', arns.object)],
          { resourcePolicy: policy?.policy, identityPolicies: [OUTSIDER_PERMISSIONS] },
        );
        if (breach) allowed = true;
      }
      if (!allowed) continue;
      out.push({
        address: holders[0]?.address ?? bucket.address,
        message:
          holders.length === 0
            ? `S3 bucket ${bucket.address} has no bucket policy, so requests over plain HTTP are allowed to any principal its identity policies allow.`
            : `The bucket policy of ${bucket.address} does not deny plain HTTP: a role of the account with full permissions may s3:GetObject on ${arns.object} with aws:SecureTransport=false${evaluationNote(...readable)}.`,
        fix: 'Add a bucket policy statement { effect = "Deny", principals { type = "*", identifiers = ["*"] }, actions = ["s3:*"], resources = [bucket ARN, "${bucket ARN}/*"], condition { test = "Bool", variable = "aws:SecureTransport", values = ["false"] } }.',
      });
    }
    return out;
  },
};
