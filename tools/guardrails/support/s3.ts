import type { Plan, PlanResource } from '../engine/plan';
import { sameTarget } from './links';

/**
 * The resources of `type` that configure a bucket through their `bucket` attribute (the provider's
 * split resources: aws_s3_bucket_policy, _public_access_block, _server_side_encryption_configuration).
 */
export function bucketSettings(
  plan: Plan,
  bucket: PlanResource,
  type: string,
): readonly PlanResource[] {
  return plan
    .ofType(type)
    .filter(
      (setting) =>
        plan.referenced(setting, 'bucket').includes(bucket) ||
        sameTarget(setting, 'bucket', bucket, 'bucket') ||
        sameTarget(setting, 'bucket', bucket, 'id'),
    );
}

/** The bucket's ARN and an object ARN in it (known name, else a placeholder), for probes. */
export function bucketArns(
  bucket: PlanResource,
  placeholder: (attribute: string) => string | undefined,
): { readonly bucket: string; readonly object: string } {
  const name = bucket.str('bucket') ?? placeholder('bucket') ?? 'bucket';
  const partition = bucket.str('arn')?.split(':')[1] ?? 'aws';
  const arn = `arn:${partition}:s3:::${name}`;
  return { bucket: arn, object: `${arn}/guardrails-probe` };
}
