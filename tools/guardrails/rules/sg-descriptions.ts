import type { PlanResource } from '../engine/plan';
import type { PlanRule, Violation } from '../engine/rule';
import { DEFAULT_GROUP_DESCRIPTION, describePorts, inlineRules } from '../support/security-groups';

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function describedOrReferenced(resource: PlanResource): boolean {
  return (
    hasText(resource.str('description')) ||
    (resource.isUnknown('description') && resource.isConfigured('description'))
  );
}

export const sgDescriptions: PlanRule = {
  scope: 'plan',
  id: 'EC2-SG-002',
  description: 'Security groups and each of their rules carry a description.',
  reason:
    'A rule without a description cannot be reviewed: nobody can tell which client or service it is for, or whether it may be removed.',
  level: 'error',
  anchors: ['checkov CKV_AWS_23', 'trivy AVD-AWS-0099', 'trivy AVD-AWS-0124'],
  resourceTypes: [
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
  ],
  check(plan) {
    const out: Violation[] = [];
    for (const group of plan.ofType('aws_security_group')) {
      const description = group.str('description');
      const missing =
        !describedOrReferenced(group) ||
        (description === DEFAULT_GROUP_DESCRIPTION && !group.isConfigured('description'));
      if (missing) {
        out.push({
          address: group.address,
          message: `Security group ${group.address} has description ${description === undefined ? 'not set' : JSON.stringify(description)}; it must say what the group is for.`,
          fix: 'Set description = "<what this group admits and why>".',
        });
      }
      for (const direction of ['ingress', 'egress'] as const) {
        inlineRules(group, direction).forEach((rule, i) => {
          if (hasText(rule.description)) return;
          out.push({
            address: group.address,
            message: `Security group ${group.address} has inline ${direction} rule ${i + 1} (${describePorts(rule.protocol, rule.from_port, rule.to_port)}) without a description.`,
            fix: `Set description on every ${direction} block.`,
          });
        });
      }
    }
    for (const rule of plan.ofType(
      'aws_security_group_rule',
      'aws_vpc_security_group_ingress_rule',
      'aws_vpc_security_group_egress_rule',
    )) {
      if (describedOrReferenced(rule)) continue;
      out.push({
        address: rule.address,
        message: `Security group rule ${rule.address} has no description.`,
        fix: 'Set description = "<which client or service this rule is for>".',
      });
    }
    return out;
  },
};
