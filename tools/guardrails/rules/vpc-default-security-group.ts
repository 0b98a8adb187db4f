import type { PlanRule, Violation } from '../engine/rule';

export const vpcDefaultSecurityGroup: PlanRule = {
  scope: 'plan',
  id: 'VPC-002',
  description: "Every VPC's default security group is managed and has no rules.",
  reason:
    'Resources created without a security group (an endpoint, an ENI) land in the default group; with rules in it they get access nobody reviewed.',
  level: 'error',
  anchors: ['checkov CKV2_AWS_12', 'AWS FSBP EC2.2'],
  resourceTypes: ['aws_vpc', 'aws_default_security_group'],
  check(plan) {
    const out: Violation[] = [];
    for (const vpc of plan.ofType('aws_vpc')) {
      const defaults = plan.referrers(vpc, 'aws_default_security_group', 'vpc_id');
      if (defaults.length === 0) {
        out.push({
          address: vpc.address,
          message: `VPC ${vpc.address} has no aws_default_security_group, so its default security group keeps the AWS default rules (all traffic within the group, all egress).`,
          fix: 'Add aws_default_security_group { vpc_id = <vpc>.id } with no ingress or egress blocks; Terraform then removes all rules.',
        });
        continue;
      }
      for (const group of defaults) {
        const open = (['ingress', 'egress'] as const).filter((d) => group.isConfigured(d));
        if (open.length === 0) continue;
        out.push({
          address: group.address,
          message: `Default security group ${group.address} of ${vpc.address} has ${open.join(' and ')} rules; it must have none.`,
          fix: 'Remove the ingress and egress blocks; give resources their own security groups instead.',
        });
      }
    }
    return out;
  },
};
