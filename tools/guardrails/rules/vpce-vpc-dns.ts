import type { PlanRule, Violation } from '../engine/rule';
import { executeApiEndpoints } from '../support/endpoints';
import { targetsOf } from '../support/links';

export const vpceVpcDns: PlanRule = {
  scope: 'plan',
  id: 'APIGW-VPCE-004',
  description:
    'When an execute-api endpoint has private DNS on, its VPC has enable_dns_support and enable_dns_hostnames on.',
  reason:
    'Private DNS names of the endpoint resolve only in VPCs with both DNS attributes on; without them the endpoint fails to create and clients resolve the public names.',
  level: 'error',
  anchors: ['AWS docs: DNS attributes for your VPC (private DNS for interface endpoints)'],
  resourceTypes: ['aws_vpc_endpoint', 'aws_vpc'],
  check(plan) {
    const out: Violation[] = [];
    for (const endpoint of executeApiEndpoints(plan)) {
      if (endpoint.bool('private_dns_enabled') !== true) continue;
      for (const vpc of targetsOf(plan, endpoint, 'vpc_id', ['aws_vpc'])) {
        const off: string[] = [];
        // enable_dns_support defaults to true, enable_dns_hostnames to false.
        if (vpc.bool('enable_dns_support') === false) off.push('enable_dns_support = false');
        const hostnames = vpc.bool('enable_dns_hostnames');
        if (
          hostnames === false ||
          (hostnames === undefined && !vpc.isConfigured('enable_dns_hostnames'))
        ) {
          off.push(
            `enable_dns_hostnames = ${hostnames === false ? 'false' : 'not set (false by default)'}`,
          );
        }
        if (off.length === 0) continue;
        out.push({
          address: vpc.address,
          message: `VPC ${vpc.address} has ${off.join(' and ')}, but execute-api endpoint ${endpoint.address} has private_dns_enabled = true; both DNS attributes must be true.`,
          fix: 'Set enable_dns_support = true and enable_dns_hostnames = true on the VPC, or turn private DNS off and use the endpoint-specific hostnames.',
        });
      }
    }
    return out;
  },
};
