import type { PathSegment } from '@apigw-private/tools/tfjson';
import type { Plan, PlanResource } from '../engine/plan';

/**
 * The resources of `types` that `from`'s attribute at `path` points at: by configuration
 * reference, or by known value (an `id` or `arn`) when the target already exists.
 */
export function targetsOf(
  plan: Plan,
  from: PlanResource,
  path: string | readonly PathSegment[],
  types: readonly string[],
  attributes: readonly string[] = ['id'],
): readonly PlanResource[] {
  const referenced = plan
    .referenced(from, path)
    .filter((r) => types.includes(r.type) && r.mode === 'managed');
  if (referenced.length > 0) return referenced;
  return plan.ofType(...types).filter((t) => plan.links(from, path, t, attributes));
}

/** True when two attributes point at the same thing: the same referenced resource, or equal known values. */
export function sameTarget(
  a: PlanResource,
  pathA: string,
  b: PlanResource,
  pathB: string,
): boolean {
  const refsA = a
    .references(pathA)
    .filter((r) => r.resolved)
    .map((r) => r.address);
  const refsB = new Set(
    b
      .references(pathB)
      .filter((r) => r.resolved)
      .map((r) => r.address),
  );
  if (refsA.some((r) => refsB.has(r))) return true;
  const valueA = a.str(pathA);
  return valueA !== undefined && valueA === b.str(pathB);
}

/** Resource type names that the AWS provider accepts under two names. */
export const LB_TYPES = ['aws_lb', 'aws_alb'] as const;
export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'] as const;
export const TARGET_GROUP_TYPES = ['aws_lb_target_group', 'aws_alb_target_group'] as const;

/** `application` (the provider's default), `network` or `gateway`. */
export function loadBalancerType(lb: PlanResource): string {
  return lb.str('load_balancer_type') ?? 'application';
}

/** The load balancer a listener belongs to, when it is in the plan. */
export function listenerLoadBalancer(plan: Plan, listener: PlanResource): PlanResource | undefined {
  return targetsOf(plan, listener, 'load_balancer_arn', LB_TYPES, ['arn', 'id'])[0];
}
