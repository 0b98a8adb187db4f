import { stringsOf } from '@apigw-private/tools/tfjson';
import type { Plan, PlanResource } from '../engine/plan';
import { describePorts, inlineRules } from './security-groups';

/** One ingress permission of a security group, wherever it is written. */
export interface Ingress {
  /** The resource that holds it (the group for inline rules). */
  readonly holder: PlanResource;
  /** What groups it: the group's address, or the group ID the rule names. */
  readonly group: string;
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly cidrs: readonly string[];
  /** `tcp 443`, for messages. */
  readonly ports: string;
}

function portRange(protocol: string, from: unknown, to: unknown): { from: number; to: number } {
  if (protocol === '-1' || protocol === 'all') return { from: 0, to: 65535 };
  const f = typeof from === 'number' ? from : 0;
  const t = typeof to === 'number' ? to : f;
  return { from: f, to: t };
}

function groupKey(plan: Plan, rule: PlanResource): string {
  const group = plan
    .referenced(rule, 'security_group_id')
    .find((r) => r.type === 'aws_security_group');
  return group?.address ?? rule.str('security_group_id') ?? rule.address;
}

/** Every IPv4/IPv6 ingress permission of the plan: inline, aws_security_group_rule, and the VPC rule resources. */
export function ingressRules(plan: Plan): readonly Ingress[] {
  const out: Ingress[] = [];
  for (const group of plan.ofType('aws_security_group')) {
    for (const rule of inlineRules(group, 'ingress')) {
      const protocol = String(rule.protocol ?? '-1');
      out.push({
        holder: group,
        group: group.address,
        protocol,
        ...portRange(protocol, rule.from_port, rule.to_port),
        cidrs: [...stringsOf(rule.cidr_blocks), ...stringsOf(rule.ipv6_cidr_blocks)],
        ports: describePorts(rule.protocol, rule.from_port, rule.to_port),
      });
    }
  }
  for (const rule of plan.ofType('aws_security_group_rule')) {
    if (rule.str('type') !== 'ingress') continue;
    const protocol = rule.str('protocol') ?? '-1';
    out.push({
      holder: rule,
      group: groupKey(plan, rule),
      protocol,
      ...portRange(protocol, rule.value('from_port'), rule.value('to_port')),
      cidrs: [...rule.strings('cidr_blocks'), ...rule.strings('ipv6_cidr_blocks')],
      ports: describePorts(rule.value('protocol'), rule.value('from_port'), rule.value('to_port')),
    });
  }
  for (const rule of plan.ofType('aws_vpc_security_group_ingress_rule')) {
    const protocol = rule.str('ip_protocol') ?? '-1';
    out.push({
      holder: rule,
      group: groupKey(plan, rule),
      protocol,
      ...portRange(protocol, rule.value('from_port'), rule.value('to_port')),
      cidrs: [rule.str('cidr_ipv4'), rule.str('cidr_ipv6')].filter((c): c is string => !!c),
      ports: describePorts(
        rule.value('ip_protocol'),
        rule.value('from_port'),
        rule.value('to_port'),
      ),
    });
  }
  return out;
}

/** True when two permissions can admit the same traffic (same protocol or all, overlapping ports). */
export function overlaps(a: Ingress, b: Ingress): boolean {
  const any = (p: string) => p === '-1' || p === 'all';
  const sameProtocol =
    any(a.protocol) || any(b.protocol) || a.protocol.toLowerCase() === b.protocol.toLowerCase();
  return sameProtocol && a.from <= b.to && b.from <= a.to;
}
