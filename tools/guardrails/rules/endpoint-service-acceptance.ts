import type { PlanRule, Violation } from '../engine/rule';

export const endpointServiceAcceptance: PlanRule = {
  scope: 'plan',
  id: 'PRIVATELINK-001',
  description: 'VPC endpoint services require manual acceptance of endpoint connections.',
  reason:
    'Without acceptance any account allowed to discover the service can connect an endpoint to it and reach the backend.',
  level: 'error',
  anchors: ['checkov CKV_AWS_123'],
  resourceTypes: ['aws_vpc_endpoint_service'],
  check(plan) {
    return plan.ofType('aws_vpc_endpoint_service').flatMap((service): Violation[] =>
      service.bool('acceptance_required') === true
        ? []
        : [
            {
              address: service.address,
              message: `Endpoint service ${service.address} has acceptance_required = ${service.bool('acceptance_required') ?? 'not set'}; allowed: true.`,
              fix: 'Set acceptance_required = true and accept known consumers (aws_vpc_endpoint_connection_accepter) or list allowed_principals.',
            },
          ],
    );
  },
};
