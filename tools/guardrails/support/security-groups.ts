import { isObject, Json, JsonObject, stringsOf } from '@apigw-private/tools/tfjson';
import type { PlanResource } from '../engine/plan';

/** Inline rules of an aws_security_group (`ingress` or `egress`): planned values, else configuration. */
export function inlineRules(
  group: PlanResource,
  direction: 'ingress' | 'egress',
): readonly JsonObject[] {
  const planned = group.value(direction);
  const list: readonly Json[] | undefined = Array.isArray(planned)
    ? planned
    : (() => {
        const configured = group.expression(direction);
        return configured?.hasConstant && Array.isArray(configured.constant)
          ? configured.constant
          : undefined;
      })();
  return (list ?? []).filter(isObject);
}

/** True for a CIDR that matches every address (`0.0.0.0/0`, `::/0`). */
export function isOpenCidr(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}

export function openCidrsOf(rule: JsonObject, attributes: readonly string[]): readonly string[] {
  return attributes.flatMap((a) => stringsOf(rule[a])).filter(isOpenCidr);
}

/** `tcp 22`, `tcp 80-443`, `all traffic`, for messages. */
export function describePorts(
  protocol: Json | undefined,
  from: Json | undefined,
  to: Json | undefined,
): string {
  const p = typeof protocol === 'string' ? protocol : '?';
  if (p === '-1' || p === 'all') return 'all traffic';
  if (from === undefined || from === null) return p;
  return from === to || to === undefined || to === null
    ? `${p} ${String(from)}`
    : `${p} ${String(from)}-${String(to)}`;
}

/** The default description the provider gives a security group without one. */
export const DEFAULT_GROUP_DESCRIPTION = 'Managed by Terraform';
