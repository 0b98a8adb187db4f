import type { PlanRule, Violation } from '../engine/rule';
import { executeApiEndpoints } from '../support/endpoints';

export const vpceSecurityGroups: PlanRule = {
  scope: 'plan',
  id: 'APIGW-VPCE-002',
  description: 'An execute-api VPC endpoint has its own security groups.',
  reason:
    "Without security_group_ids the endpoint gets the VPC's default security group, so who may reach port 443 of the endpoint is decided by whatever that group allows.",
  level: 'error',
  anchors: ['AWS docs: control access to VPC endpoints using security groups'],
  resourceTypes: ['aws_vpc_endpoint', 'aws_vpc_endpoint_security_group_association'],
  check(plan) {
    const out: Violation[] = [];
    for (const endpoint of executeApiEndpoints(plan)) {
      const known = endpoint.value('security_group_ids');
      const emptyKnown = Array.isArray(known) && known.length === 0;
      if (endpoint.isConfigured('security_group_ids') && !emptyKnown) continue;
      if (
        plan.referrers(endpoint, 'aws_vpc_endpoint_security_group_association', 'vpc_endpoint_id')
          .length > 0
      )
        continue;
      out.push({
        address: endpoint.address,
        message: `execute-api endpoint ${endpoint.address} has no security_group_ids and no aws_vpc_endpoint_security_group_association; it would use the VPC default security group.`,
        fix: 'Set security_group_ids to a group that allows 443 only from the client networks or client security groups.',
      });
    }
    return out;
  },
};
