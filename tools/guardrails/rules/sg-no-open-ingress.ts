import type { PlanRule, Violation } from '../engine/rule';
import { coversEveryAddress } from '../support/cidr';
import { ingressRules, overlaps } from '../support/ingress';
import { isOpenCidr } from '../support/security-groups';

export const sgNoOpenIngress: PlanRule = {
  scope: 'plan',
  id: 'EC2-SG-001',
  description:
    'No security group admits inbound traffic from every address: not from 0.0.0.0/0 or ::/0, and not from several CIDRs that together cover every address (0.0.0.0/1 + 128.0.0.0/1).',
  reason:
    'Private architectures admit only named client networks and security groups; an open range, whole or split, exposes endpoints, load balancers and tasks to every address that can route to them.',
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
    const rules = ingressRules(plan);
    const reported = new Set<string>();
    for (const rule of rules) {
      const open = rule.cidrs.filter(isOpenCidr);
      if (open.length === 0) continue;
      reported.add(`${rule.group}\u0000${rule.ports}`);
      out.push({
        address: rule.holder.address,
        message: `${rule.holder.address === rule.group ? `Security group ${rule.group} has an inline ingress rule` : `Ingress rule ${rule.holder.address}`} (${rule.ports}) from ${open.join(', ')}; open ranges are not allowed.`,
        fix,
      });
    }
    for (const rule of rules) {
      const together = rules.filter((r) => r.group === rule.group && overlaps(r, rule));
      for (const family of [4, 6] as const) {
        const cidrs = [...new Set(together.flatMap((r) => r.cidrs))];
        const key = `${rule.group}\u0000${rule.ports}\u0000${family}`;
        if (reported.has(`${rule.group}\u0000${rule.ports}`) || reported.has(key)) continue;
        if (!coversEveryAddress(cidrs, family)) continue;
        reported.add(key);
        const holders = [...new Set(together.map((r) => r.holder.address))].sort();
        out.push({
          address: rule.group.includes('.') ? rule.group : rule.holder.address,
          message: `Security group ${rule.group} admits every IPv${family} address on ${rule.ports}: its ingress ${holders.length === 1 ? 'rule' : 'rules'} ${holders.join(', ')} together allow ${cidrs.filter((c) => c.includes(':') === (family === 6)).join(', ')}, which cover the whole address space.`,
          fix,
        });
      }
    }
    return out;
  },
};
