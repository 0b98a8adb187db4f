import type { PlanRule, Violation } from '../engine/rule';
import { bucketSettings } from '../support/s3';

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html */
export const s3Encryption: PlanRule = {
  scope: 'plan',
  id: 'S3-001',
  description:
    'Every S3 bucket declares its default encryption (aws_s3_bucket_server_side_encryption_configuration).',
  reason:
    'The encryption of stored objects should be stated in code and reviewed, not left to whatever the account default is; log and state buckets hold data worth protecting with a key you control.',
  level: 'error',
  anchors: ['checkov CKV_AWS_19', 'checkov CKV_AWS_145', 'cdk-nag S3DefaultEncryptionKMS'],
  resourceTypes: ['aws_s3_bucket', 'aws_s3_bucket_server_side_encryption_configuration'],
  check(plan) {
    const out: Violation[] = [];
    for (const bucket of plan.ofType('aws_s3_bucket')) {
      if (bucket.isConfigured('server_side_encryption_configuration')) continue;
      if (
        bucketSettings(plan, bucket, 'aws_s3_bucket_server_side_encryption_configuration').length >
        0
      )
        continue;
      out.push({
        address: bucket.address,
        message: `S3 bucket ${bucket.address} has no server-side encryption configuration; allowed: an aws_s3_bucket_server_side_encryption_configuration for it.`,
        fix: 'Add aws_s3_bucket_server_side_encryption_configuration with rule { apply_server_side_encryption_by_default { sse_algorithm = "aws:kms" (or "AES256") } }.',
      });
    }
    return out;
  },
};
