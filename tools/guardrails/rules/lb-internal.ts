import type { PlanRule, Violation } from '../engine/rule';
import { LB_TYPES, loadBalancerType } from '../support/links';

export const lbInternal: PlanRule = {
  scope: 'plan',
  id: 'ELB-001',
  description: 'Application and Network Load Balancers are internal.',
  reason:
    'In these architectures load balancers sit behind VPC links, execute-api endpoints or PrivateLink; an internet-facing one exposes the private backend directly.',
  level: 'error',
  anchors: ['trivy AVD-AWS-0053 (load balancer is exposed to the internet)'],
  resourceTypes: [...LB_TYPES],
  check(plan) {
    return plan.ofType(...LB_TYPES).flatMap((lb): Violation[] => {
      if (loadBalancerType(lb) === 'gateway' || lb.bool('internal') === true) return [];
      return [
        {
          address: lb.address,
          message: `Load balancer ${lb.address} (${loadBalancerType(lb)}) has internal = ${lb.bool('internal') ?? 'not set (internet-facing)'}; allowed: true.`,
          fix: 'Set internal = true and place it in private subnets; reach it through a VPC link, PrivateLink or an execute-api endpoint.',
        },
      ];
    });
  },
};
