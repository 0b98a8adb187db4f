import type { PlanRule, Violation } from '../engine/rule';
import { MIN_REASON_LENGTH } from '../suppression-format';

export const suppressionReason: PlanRule = {
  scope: 'plan',
  id: 'GUARDRAILS-001',
  description: `Every suppression has a written reason (at least ${MIN_REASON_LENGTH} characters).`,
  reason:
    'A suppression without a reason hides a finding without telling reviewers why the exception is safe.',
  level: 'error',
  anchors: ['cdk-nag NagSuppressions (reason required, minimum 10 characters)'],
  resourceTypes: ['suppressions'],
  suppressible: false,
  check(plan) {
    return (plan.source.suppressions ?? []).flatMap((s): Violation[] =>
      s.reason.trim().length >= MIN_REASON_LENGTH
        ? []
        : [
            {
              address: s.address,
              message: `Suppression of ${s.rule} on ${s.address} (${s.origin}) has ${s.reason.trim() === '' ? 'no reason' : `reason ${JSON.stringify(s.reason)}, shorter than ${MIN_REASON_LENGTH} characters`}; it is not applied.`,
              fix: 'Write why the exception is safe, e.g. suppress(lb, "ELB-002", "Ephemeral test stack: destroyed after every pipeline run").',
            },
          ],
    );
  },
};
