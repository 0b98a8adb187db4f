import type { PlanRule, Violation } from '../engine/rule';
import { bucketSettings } from '../support/s3';

const SETTINGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
] as const;

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html */
export const s3PublicAccessBlock: PlanRule = {
  scope: 'plan',
  id: 'S3-002',
  description: 'Every S3 bucket has a public access block with all four settings true.',
  reason:
    'The block stops a later ACL or bucket policy from making the bucket public, whoever writes it; a private architecture has no public buckets.',
  level: 'error',
  anchors: [
    'checkov CKV_AWS_53',
    'checkov CKV_AWS_54',
    'checkov CKV_AWS_55',
    'checkov CKV_AWS_56',
    'checkov CKV2_AWS_6',
    'cdk-nag AwsSolutions-S2',
  ],
  resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_public_access_block'],
  check(plan) {
    const out: Violation[] = [];
    for (const bucket of plan.ofType('aws_s3_bucket')) {
      const blocks = bucketSettings(plan, bucket, 'aws_s3_bucket_public_access_block');
      if (blocks.length === 0) {
        out.push({
          address: bucket.address,
          message: `S3 bucket ${bucket.address} has no aws_s3_bucket_public_access_block.`,
          fix: `Add aws_s3_bucket_public_access_block for it with ${SETTINGS.map((s) => `${s} = true`).join(', ')}.`,
        });
        continue;
      }
      for (const block of blocks) {
        const off = SETTINGS.filter((s) => block.bool(s) !== true);
        if (off.length === 0) continue;
        out.push({
          address: block.address,
          message: `Public access block ${block.address} of ${bucket.address} leaves ${off.map((s) => `${s} = ${String(block.bool(s) ?? 'unset')}`).join(', ')}; allowed: all four true.`,
          fix: `Set ${off.map((s) => `${s} = true`).join(', ')}.`,
        });
      }
    }
    return out;
  },
};
