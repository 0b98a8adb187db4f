import type { PlanRule, Violation } from '../engine/rule';
import { describePorts, inlineRules, openCidrsOf } from '../support/security-groups';

export const sgNoOpenIngress: PlanRule = {
  scope: 'plan',
  id: 'EC2-SG-001',
  description: 'No security group admits inbound traffic from 0.0.0.0/0 or ::/0.',
  reason:
    'Private architectures admit only named client networks and security groups; an open range exposes endpoints, load balancers and tasks to every address that can route to them.',
  level: 'error',
  anchors: [
    'checkov CKV_AWS_24',
    'checkov CKV_AWS_25',
    'checkov CKV_AWS_260',
    'cdk-nag AwsSolutions-EC23',
  ],
  resourceTypes: [
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
  ],
  check(plan) {
    const out: Violation[] = [];
    const fix =
      'Allow only the client CIDR blocks or a peer security group (referenced_security_group_id / source_security_group_id).';
    for (const group of plan.ofType('aws_security_group')) {
      for (const rule of inlineRules(group, 'ingress')) {
        const open = openCidrsOf(rule, ['cidr_blocks', 'ipv6_cidr_blocks']);
        if (open.length === 0) continue;
        out.push({
          address: group.address,
          message: `Security group ${group.address} has an inline ingress rule (${describePorts(rule.protocol, rule.from_port, rule.to_port)}) from ${open.join(', ')}; open ranges are not allowed.`,
          fix,
        });
      }
    }
    for (const rule of plan.ofType('aws_security_group_rule')) {
      if (rule.str('type') !== 'ingress') continue;
      const open = openCidrsOf(rule.values, ['cidr_blocks', 'ipv6_cidr_blocks']);
      if (open.length === 0) continue;
      out.push({
        address: rule.address,
        message: `Security group rule ${rule.address} (ingress ${describePorts(rule.value('protocol'), rule.value('from_port'), rule.value('to_port'))}) allows ${open.join(', ')}; open ranges are not allowed.`,
        fix,
      });
    }
    for (const rule of plan.ofType('aws_vpc_security_group_ingress_rule')) {
      const open = openCidrsOf(rule.values, ['cidr_ipv4', 'cidr_ipv6']);
      if (open.length === 0) continue;
      out.push({
        address: rule.address,
        message: `Ingress rule ${rule.address} (${describePorts(rule.value('ip_protocol'), rule.value('from_port'), rule.value('to_port'))}) allows ${open.join(', ')}; open ranges are not allowed.`,
        fix,
      });
    }
    return out;
  },
};
