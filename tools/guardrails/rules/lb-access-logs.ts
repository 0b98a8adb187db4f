import type { PlanRule, Violation } from '../engine/rule';
import { LB_TYPES, loadBalancerType } from '../support/links';

export const lbAccessLogs: PlanRule = {
  scope: 'plan',
  id: 'ELB-003',
  description: 'Application and Network Load Balancers write access logs to S3.',
  reason:
    'Load balancer access logs record each connection or request that reaches the private backend, for security analysis and troubleshooting.',
  level: 'error',
  anchors: ['checkov CKV_AWS_91', 'cdk-nag AwsSolutions-ELB2', 'AWS FSBP ELB.5'],
  resourceTypes: [...LB_TYPES],
  check(plan) {
    return plan.ofType(...LB_TYPES).flatMap((lb): Violation[] => {
      if (loadBalancerType(lb) === 'gateway') return [];
      const enabled = lb.bool('access_logs.0.enabled');
      const bucket = lb.isConfigured('access_logs.0.bucket');
      if (enabled === true && bucket) return [];
      return [
        {
          address: lb.address,
          message: `Load balancer ${lb.address} has ${!bucket ? 'no access_logs bucket' : `access_logs.enabled = ${enabled ?? 'not set'}`}; access logs must be enabled.`,
          fix: 'Add access_logs { bucket = <log bucket>, prefix = <name>, enabled = true }.',
        },
      ];
    });
  },
};
