/**
 * Security group steps. A security group is stateful and allows only what its rules allow:
 * inbound from a CIDR or from members of a referenced group, outbound likewise.
 * https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
 * A group Terraform creates has no egress rule unless one is declared (Terraform removes the
 * default allow-all egress): https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/resources/security_group
 */
import type { PathSegment, PlanResource } from '@apigw-private/tools/tfjson';
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

/** A rule's attributes under `at` (a rule resource's root, or an inline rule of the group). */
function ruleAt(
  holder: PlanResource,
  at: readonly PathSegment[],
  names: { readonly protocol: string; readonly cidrs: string },
  groups: readonly PlanResource[],
): Rule {
  return {
    address: holder.address,
    protocol: holder.str([...at, names.protocol]) ?? '',
    fromPort: holder.num([...at, 'from_port']),
    toPort: holder.num([...at, 'to_port']),
    cidrs: holder.strings([...at, names.cidrs]),
    groups,
  };
}

function rulesOf(view: StackView, group: PlanResource, direction: 'ingress' | 'egress'): Rule[] {
  const rules: Rule[] = [];
  const groupsAt = (holder: PlanResource, path: string | readonly PathSegment[]) =>
    view.refs(holder, path, ['aws_security_group']);
  for (const rule of view.find(`aws_vpc_security_group_${direction}_rule`)) {
    if (!view.links(rule, 'security_group_id', group)) continue;
    const names = { protocol: 'ip_protocol', cidrs: 'cidr_ipv4' };
    rules.push(ruleAt(rule, [], names, groupsAt(rule, 'referenced_security_group_id')));
  }
  for (const rule of view.find('aws_security_group_rule')) {
    if (rule.str('type') !== direction || !view.links(rule, 'security_group_id', group)) continue;
    const names = { protocol: 'protocol', cidrs: 'cidr_blocks' };
    rules.push(ruleAt(rule, [], names, groupsAt(rule, 'source_security_group_id')));
  }
  group.list(direction).forEach((_, i) => {
    const names = { protocol: 'protocol', cidrs: 'cidr_blocks' };
    rules.push(
      ruleAt(group, [direction, i], names, groupsAt(group, [direction, i, 'security_groups'])),
    );
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
