import type { PlanRule, Violation } from '../engine/rule';

export const logGroupKms: PlanRule = {
  scope: 'plan',
  id: 'LOGS-002',
  description: 'CloudWatch log groups are encrypted with a customer managed KMS key.',
  reason:
    'A customer managed key lets you control and audit who can read the logs, and revoke access by disabling the key; service-managed encryption offers neither.',
  level: 'warning',
  anchors: ['checkov CKV_AWS_158', 'trivy AVD-AWS-0017'],
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(plan) {
    return plan.ofType('aws_cloudwatch_log_group').flatMap((group): Violation[] =>
      group.isConfigured('kms_key_id')
        ? []
        : [
            {
              address: group.address,
              message: `Log group ${group.address} (${group.str('name') ?? group.str('name_prefix') ?? '?'}) has no kms_key_id; it uses service-managed encryption.`,
              fix: 'Set kms_key_id to a KMS key whose policy allows logs.<region>.amazonaws.com to use it.',
            },
          ],
    );
  },
};
