import { placeholderFor, policyOf, Whereabouts, whereaboutsOf } from '@apigw-private/tools/policy';
import type { Plan, PlanResource } from '../engine/plan';
import { Evaluable, evaluable } from './evaluation';
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

/** What the policy rules of a bucket evaluate: where it lives, its ARNs, its policies. */
export interface BucketPolicies {
  readonly where: Whereabouts;
  /** The bucket's ARN and an object ARN in it (known name, else a placeholder). */
  readonly arns: { readonly bucket: string; readonly object: string };
  /** Resources that hold a policy of the bucket: the bucket itself, aws_s3_bucket_policy. */
  readonly holders: readonly PlanResource[];
  /** The readable policies of those holders, ready for the evaluator. */
  readonly policies: readonly Evaluable[];
}

export function bucketPolicies(plan: Plan, bucket: PlanResource): BucketPolicies {
  const where = whereaboutsOf(plan, bucket);
  const name =
    bucket.str('bucket') ??
    placeholderFor(
      plan,
      { address: bucket.baseAddress, attribute: 'bucket', resolved: true },
      where,
    ) ??
    'bucket';
  const arn = `arn:${where.partition}:s3:::${name}`;
  const holders = [
    ...(bucket.isConfigured('policy') ? [bucket] : []),
    ...bucketSettings(plan, bucket, 'aws_s3_bucket_policy'),
  ];
  const policies = holders
    .map((h) => evaluable(plan, policyOf(plan, h, 'policy'), h.address, where))
    .filter((p): p is Evaluable => p !== undefined);
  return { where, arns: { bucket: arn, object: `${arn}/guardrails-probe` }, holders, policies };
}
