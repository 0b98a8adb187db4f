/**
 * Security group steps. A security group is stateful and allows only what its rules allow:
 * inbound from a CIDR or from members of a referenced group, outbound likewise.
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 * A group Terraform creates has no egress rule unless one is declared (Terraform removes the
 * default allow-all egress): https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/security_group
 */
import type { PlanResource } from '@apigw-private/tools/tfjson';
import { cidrContains } from '@apigw-private/constructs/config/cidr';
import type { StepResult } from '../model';
import type { StackView } from '../stack';
import type { Place } from './endpoints';
import type { CallStep } from '@apigw-private/constructs/calls/declaration';

interface Rule {
  readonly address: string;
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrs: readonly string[];
  readonly groups: readonly PlanResource[];
}

function rulesOf(view: StackView, group: PlanResource, direction: 'ingress' | 'egress'): Rule[] {
  const rules: Rule[] = [];
  for (const rule of view.find(`aws_vpc_security_group_${direction}_rule`)) {
    if (!view.links(rule, 'security_group_id', group)) continue;
    rules.push({
      address: rule.address,
      protocol: rule.str('ip_protocol') ?? '',
      fromPort: rule.num('from_port'),
      toPort: rule.num('to_port'),
      cidrs: rule.strings('cidr_ipv4'),
      groups: view.refs(rule, 'referenced_security_group_id', ['aws_security_group']),
    });
  }
  for (const rule of view.find('aws_security_group_rule')) {
    if (rule.str('type') !== direction || !view.links(rule, 'security_group_id', group)) continue;
    rules.push({
      address: rule.address,
      protocol: rule.str('protocol') ?? '',
      fromPort: rule.num('from_port'),
      toPort: rule.num('to_port'),
      cidrs: rule.strings('cidr_blocks'),
      groups: view.refs(rule, 'source_security_group_id', ['aws_security_group']),
    });
  }
  group.list(direction).forEach((_, i) => {
    rules.push({
      address: group.address,
      protocol: group.str([direction, i, 'protocol']) ?? '',
      fromPort: group.num([direction, i, 'from_port']),
      toPort: group.num([direction, i, 'to_port']),
      cidrs: group.strings([direction, i, 'cidr_blocks']),
      groups: view.refs(group, [direction, i, 'security_groups'], ['aws_security_group']),
    });
  });
  return rules;
}

function allowsPort(rule: Rule, port: number): boolean {
  if (rule.protocol === '-1' || rule.protocol === 'all') return true;
  if (rule.protocol !== 'tcp' && rule.protocol !== '6') return false;
  return (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535);
}

/** True when the rule admits every address of `peer` (its CIDRs, or membership of a group). */
function allowsPeer(rule: Rule, peer: Place): boolean {
  if (rule.groups.some((g) => peer.securityGroups.includes(g))) return true;
  return (
    peer.cidrs.length > 0 && peer.cidrs.every((c) => rule.cidrs.some((r) => cidrContains(r, c)))
  );
}

/**
 * The security group step on one side of a hop: ingress on `to`'s groups from `from`, or egress
 * on `from`'s groups to `to`. Places without security groups pass.
 */
export function securityGroupStep(
  view: StackView,
  step: CallStep,
  direction: 'ingress' | 'egress',
  from: Place,
  to: Place,
  port: number,
): StepResult {
  const [own, peer] = direction === 'ingress' ? [to, from] : [from, to];
  const result = (status: StepResult['status'], address: string, detail: string): StepResult => ({
    step,
    status,
    address,
    detail,
    from: from.label,
    to: to.label,
  });
  if (own.securityGroups.length === 0)
    return result('pass', own.address, `${own.label} has no security group on this path`);
  for (const group of own.securityGroups) {
    const rule = rulesOf(view, group, direction).find(
      (r) => allowsPort(r, port) && allowsPeer(r, peer),
    );
    if (rule)
      return result(
        'pass',
        rule.address,
        `${direction} tcp/${port} ${direction === 'ingress' ? 'from' : 'to'} ${peer.label} allowed`,
      );
  }
  const groups = own.securityGroups.map((g) => g.address);
  const peerText = [...peer.cidrs, ...peer.securityGroups.map((g) => g.address)].join(', ');
  return result(
    'fail',
    groups[0],
    `no ${direction} rule of ${groups.join(', ')} allows tcp/${port} ${direction === 'ingress' ? 'from' : 'to'} ${peer.label} (${peerText || 'no address'})`,
  );
}
