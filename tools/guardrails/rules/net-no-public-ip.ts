import type { PlanRule, Violation } from '../engine/rule';

/** Public IPv4 addresses and Elastic IPs: https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html */
export const netNoPublicIp: PlanRule = {
  scope: 'plan',
  id: 'NET-001',
  description:
    'Nothing gets a public IP address: no instance or launch template with associate_public_ip_address, no subnet that maps public IPs on launch, no Elastic IP on an instance or network interface.',
  reason:
    'A public address makes the host reachable from the internet (given a route) and bypasses the private path the architecture is built on; clients reach the API only through VPC endpoints.',
  level: 'error',
  anchors: [
    'checkov CKV_AWS_88',
    'checkov CKV_AWS_130',
    'cdk-nag EC2InstanceNoPublicIp',
    'AWS Security Hub EC2.9',
  ],
  resourceTypes: [
    'aws_instance',
    'aws_launch_template',
    'aws_subnet',
    'aws_eip',
    'aws_eip_association',
  ],
  check(plan) {
    const out: Violation[] = [];
    for (const instance of plan.ofType('aws_instance')) {
      if (instance.bool('associate_public_ip_address') !== true) continue;
      out.push({
        address: instance.address,
        message: `Instance ${instance.address} has associate_public_ip_address = true.`,
        fix: 'Set associate_public_ip_address = false; reach the instance through Session Manager endpoints.',
      });
    }
    for (const template of plan.ofType('aws_launch_template')) {
      template.list('network_interfaces').forEach((_, i) => {
        const value = template.value(`network_interfaces.${i}.associate_public_ip_address`);
        if (value !== true && value !== 'true') return;
        out.push({
          address: template.address,
          message: `Launch template ${template.address} gives network interface ${i} a public IP (associate_public_ip_address = true).`,
          fix: 'Set network_interfaces.associate_public_ip_address = false.',
        });
      });
    }
    for (const subnet of plan.ofType('aws_subnet')) {
      if (subnet.bool('map_public_ip_on_launch') !== true) continue;
      out.push({
        address: subnet.address,
        message: `Subnet ${subnet.address} has map_public_ip_on_launch = true: every instance launched in it gets a public IP.`,
        fix: 'Set map_public_ip_on_launch = false.',
      });
    }
    for (const eip of plan.ofType('aws_eip', 'aws_eip_association')) {
      const attached = [
        'instance',
        'instance_id',
        'network_interface',
        'network_interface_id',
      ].find((a) => eip.isConfigured(a));
      if (!attached) continue;
      out.push({
        address: eip.address,
        message: `${eip.address} puts an Elastic IP on ${eip.references(attached)[0]?.address ?? eip.str(attached) ?? 'a host'} (${attached}).`,
        fix: 'Remove the Elastic IP; a private architecture has no public addresses on hosts.',
      });
    }
    return out;
  },
};
