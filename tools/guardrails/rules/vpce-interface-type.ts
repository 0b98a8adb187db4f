import type { PlanRule, Violation } from '../engine/rule';
import { executeApiEndpoints } from '../support/endpoints';

export const vpceInterfaceType: PlanRule = {
  scope: 'plan',
  id: 'APIGW-VPCE-001',
  description: 'An execute-api VPC endpoint is of type Interface.',
  reason:
    'Private APIs are reached only through interface endpoints (PrivateLink); the provider default, Gateway, does not exist for execute-api and fails at apply.',
  level: 'error',
  anchors: ['AWS docs: interface VPC endpoints for API Gateway'],
  resourceTypes: ['aws_vpc_endpoint'],
  check(plan) {
    const out: Violation[] = [];
    for (const endpoint of executeApiEndpoints(plan)) {
      const type = endpoint.str('vpc_endpoint_type');
      if (
        type === 'Interface' ||
        (type === undefined &&
          endpoint.isUnknown('vpc_endpoint_type') &&
          endpoint.isConfigured('vpc_endpoint_type'))
      )
        continue;
      out.push({
        address: endpoint.address,
        message: `execute-api endpoint ${endpoint.address} has vpc_endpoint_type ${type ?? 'not set (Gateway by default)'}; allowed: Interface.`,
        fix: 'Set vpc_endpoint_type = "Interface" with subnet_ids in at least two Availability Zones.',
      });
    }
    return out;
  },
};
