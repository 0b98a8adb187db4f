import type { PlanRule, Violation } from '../engine/rule';
import type { PlanResource } from '../engine/plan';
import { isStageWide, methodSettingsOf, STAGE_SETTINGS_TYPES } from '../support/stages';

function limits(resource: PlanResource, prefix: string): readonly string[] {
  const problems: string[] = [];
  for (const name of ['throttling_rate_limit', 'throttling_burst_limit']) {
    const value = resource.num(`${prefix}.${name}`);
    if (value === undefined || value <= 0) {
      problems.push(`${name} ${value === undefined ? 'not set' : value}`);
    }
  }
  return problems;
}

export const stageThrottling: PlanRule = {
  scope: 'plan',
  id: 'APIGW-STAGE-005',
  description: 'Every stage sets its own throttling rate and burst limits.',
  reason:
    "Without stage limits one client can use the whole account's API Gateway quota for the Region and starve every other API, and a private backend gets no protection from bursts.",
  level: 'error',
  anchors: ['AWS Well-Architected REL05-BP02 (throttle requests)'],
  resourceTypes: STAGE_SETTINGS_TYPES,
  check(plan) {
    const out: Violation[] = [];
    for (const stage of plan.ofType('aws_api_gateway_stage')) {
      const wide = methodSettingsOf(plan, stage).filter(isStageWide);
      if (wide.length === 0) {
        out.push({
          address: stage.address,
          message: `REST stage ${stage.address} has no method settings for "*/*", so no stage throttling limits.`,
          fix: 'Add aws_api_gateway_method_settings { method_path = "*/*", settings { throttling_rate_limit = <rps>, throttling_burst_limit = <burst> } }.',
        });
        continue;
      }
      for (const ms of wide) {
        const problems = limits(ms, 'settings.0');
        if (problems.length === 0) continue;
        out.push({
          address: ms.address,
          message: `Method settings ${ms.address} (all methods of ${stage.address}) have ${problems.join(' and ')}; both must be greater than 0.`,
          fix: 'Set settings { throttling_rate_limit = <rps>, throttling_burst_limit = <burst> }.',
        });
      }
    }
    for (const stage of plan.ofType('aws_apigatewayv2_stage')) {
      const problems = limits(stage, 'default_route_settings.0');
      if (problems.length === 0) continue;
      out.push({
        address: stage.address,
        message: `Stage ${stage.address} has default_route_settings ${problems.join(' and ')}; both must be greater than 0.`,
        fix: 'Set default_route_settings { throttling_rate_limit = <rps>, throttling_burst_limit = <burst> }.',
      });
    }
    return out;
  },
};
