import { FOREIGN } from '@apigw-private/tools/policy';
import type { PlanRule, Violation } from '../engine/rule';
import { breachOf, evaluationNote } from '../support/evaluation';
import { bucketPolicies, bucketSettings } from '../support/s3';

/**
 * Canned ACLs and grantee groups that make a bucket public:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
 */
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_GRANTEES = /acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)/;

export const s3NoPublicGrants: PlanRule = {
  scope: 'plan',
  id: 'S3-004',
  description:
    'No S3 bucket is granted to the public: no public canned ACL or AllUsers/AuthenticatedUsers grant, and no bucket policy that, judged by its effect, lets an anonymous caller or another account read or write objects.',
  reason:
    'A public grant exposes every object to the internet (or to every AWS account); in a private architecture nothing is meant to be read from outside the account.',
  level: 'error',
  anchors: [
    'checkov CKV_AWS_20',
    'checkov CKV_AWS_57',
    'checkov CKV_AWS_70',
    'cdk-nag S3BucketPublicReadProhibited',
    'cdk-nag S3BucketPublicWriteProhibited',
  ],
  resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_acl', 'aws_s3_bucket_policy'],
  async check(plan) {
    const out: Violation[] = [];
    for (const bucket of plan.ofType('aws_s3_bucket')) {
      for (const acl of [bucket, ...bucketSettings(plan, bucket, 'aws_s3_bucket_acl')]) {
        const canned = acl.str('acl');
        const grantees = JSON.stringify(
          acl.value('access_control_policy') ?? acl.value('grant') ?? '',
        );
        if ((canned && PUBLIC_ACLS.has(canned)) || PUBLIC_GRANTEES.test(grantees)) {
          out.push({
            address: acl.address,
            message: `${acl.address} grants ${bucket.address} to the public (${canned && PUBLIC_ACLS.has(canned) ? `acl = ${canned}` : 'a grant to AllUsers or AuthenticatedUsers'}).`,
            fix: 'Remove the ACL (use aws_s3_bucket_ownership_controls with BucketOwnerEnforced) and grant access through a bucket policy naming principals.',
          });
        }
      }
      const { where, arns, policies } = bucketPolicies(plan, bucket);
      for (const policy of policies) {
        const callers = [
          'anonymous',
          `arn:${where.partition}:iam::${FOREIGN.account(where.account)}:role/outsider`,
        ];
        const found = await breachOf(
          ['s3:GetObject', 's3:PutObject'].flatMap((action) =>
            callers.map((caller) => ({
              caller,
              action,
              resource: arns.object,
              resourceAccount: where.account,
            })),
          ),
          { resourcePolicy: policy.policy },
        );
        if (!found) continue;
        out.push({
          address: policy.policy.name,
          message: `The bucket policy of ${bucket.address} is public: ${found.text}${evaluationNote(policy)}.`,
          fix: 'Allow only named principals of this account (or the AWS service that writes to the bucket, with aws:SourceAccount / aws:SourceArn).',
        });
      }
    }
    return out;
  },
};
