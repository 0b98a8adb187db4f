import type { PlanRule, Violation } from '../engine/rule';
import { LB_TYPES } from '../support/links';

export const lbDeletionProtection: PlanRule = {
  scope: 'plan',
  id: 'ELB-002',
  description: 'Load balancers have deletion protection on.',
  reason:
    'The load balancer carries the private integration (VPC link targets, endpoint service, DNS records); deleting it by accident is an outage that a re-apply does not undo quickly.',
  level: 'error',
  anchors: ['checkov CKV_AWS_150', 'AWS FSBP ELB.6'],
  resourceTypes: [...LB_TYPES],
  check(plan) {
    return plan.ofType(...LB_TYPES).flatMap((lb): Violation[] =>
      lb.bool('enable_deletion_protection') === true
        ? []
        : [
            {
              address: lb.address,
              message: `Load balancer ${lb.address} has enable_deletion_protection = ${lb.bool('enable_deletion_protection') ?? 'not set (false)'}; allowed: true.`,
              fix: 'Set enable_deletion_protection = true. For a stack that must be destroyable (test or ephemeral), suppress ELB-002 on this resource with the reason.',
            },
          ],
    );
  },
};
