import type { PlanRule, Violation } from '../engine/rule';
import { LB_TYPES, loadBalancerType } from '../support/links';

export const nlbCrossZone: PlanRule = {
  scope: 'plan',
  id: 'ELB-004',
  description: 'Network (and Gateway) Load Balancers have cross-zone load balancing on.',
  reason:
    'Without cross-zone load balancing an NLB node sends traffic only to targets in its own zone, so one zone losing its targets drops the share of traffic that DNS sends there.',
  level: 'error',
  anchors: ['checkov CKV_AWS_152'],
  resourceTypes: [...LB_TYPES],
  check(plan) {
    return plan.ofType(...LB_TYPES).flatMap((lb): Violation[] => {
      if (
        loadBalancerType(lb) === 'application' ||
        lb.bool('enable_cross_zone_load_balancing') === true
      )
        return [];
      return [
        {
          address: lb.address,
          message: `${loadBalancerType(lb) === 'network' ? 'Network' : 'Gateway'} Load Balancer ${lb.address} has enable_cross_zone_load_balancing = ${lb.bool('enable_cross_zone_load_balancing') ?? 'not set (false)'}; allowed: true.`,
          fix: 'Set enable_cross_zone_load_balancing = true.',
        },
      ];
    });
  },
};
