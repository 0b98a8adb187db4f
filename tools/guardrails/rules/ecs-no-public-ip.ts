import type { PlanRule, Violation } from '../engine/rule';

export const ecsNoPublicIp: PlanRule = {
  scope: 'plan',
  id: 'ECS-001',
  description: 'ECS services do not assign public IP addresses to their tasks.',
  reason:
    'Tasks of a private integration run in private subnets behind an internal load balancer; a public IP makes them directly reachable and lets them bypass egress controls.',
  level: 'error',
  anchors: ['checkov CKV_AWS_333', 'AWS FSBP ECS.2'],
  resourceTypes: ['aws_ecs_service'],
  check(plan) {
    return plan.ofType('aws_ecs_service').flatMap((service): Violation[] =>
      service.bool('network_configuration.0.assign_public_ip') === true
        ? [
            {
              address: service.address,
              message: `ECS service ${service.address} has network_configuration.assign_public_ip = true; allowed: false.`,
              fix: 'Set assign_public_ip = false and reach AWS APIs through VPC endpoints or a NAT gateway.',
            },
          ]
        : [],
    );
  },
};
