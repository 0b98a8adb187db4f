import type { PlanRule, Violation } from '../engine/rule';

export const logGroupRetention: PlanRule = {
  scope: 'plan',
  id: 'LOGS-001',
  description: 'CloudWatch log groups set a retention period.',
  reason:
    'Without retention, logs (access logs with caller identities included) are kept and paid for forever; retention is a deliberate data-lifecycle decision.',
  level: 'error',
  anchors: ['checkov CKV_AWS_66'],
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(plan) {
    return plan.ofType('aws_cloudwatch_log_group').flatMap((group): Violation[] => {
      const days = group.num('retention_in_days');
      if (
        (days !== undefined && days > 0) ||
        (days === undefined &&
          group.isUnknown('retention_in_days') &&
          group.isConfigured('retention_in_days'))
      )
        return [];
      return [
        {
          address: group.address,
          message: `Log group ${group.address} (${group.str('name') ?? group.str('name_prefix') ?? '?'}) has retention_in_days ${days === undefined || days === 0 ? 'not set (never expire)' : days}; it must be set to a number of days.`,
          fix: 'Set retention_in_days (e.g. 365 for access logs, 30-90 for application logs).',
        },
      ];
    });
  },
};
