import type { PlanRule, Violation } from '../engine/rule';

export const suppressionKnownRule: PlanRule = {
  scope: 'plan',
  id: 'GUARDRAILS-002',
  description: 'Every suppression names a rule that exists.',
  reason:
    'A suppression with a mistyped or retired rule ID suppresses nothing and misleads the reader into thinking the exception is handled.',
  level: 'error',
  anchors: ['cdk-nag NagSuppressions'],
  resourceTypes: ['suppressions'],
  suppressible: false,
  check(plan) {
    const known = plan.source.ruleIds;
    if (!known) return [];
    return (plan.source.suppressions ?? []).flatMap((s): Violation[] =>
      known.has(s.rule)
        ? []
        : [
            {
              address: s.address,
              message: `Suppression on ${s.address} (${s.origin}) names rule ${JSON.stringify(s.rule)}, which does not exist.`,
              fix: 'Use one of the rule IDs listed in docs/guardrails.md (npm run guardrails -- --list-rules).',
            },
          ],
    );
  },
};
