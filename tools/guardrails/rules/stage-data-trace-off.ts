import type { PlanRule, Violation } from '../engine/rule';

export const stageDataTraceOff: PlanRule = {
  scope: 'plan',
  id: 'APIGW-STAGE-004',
  description: 'Data trace (full request and response logging) is off on every stage.',
  reason:
    'Data trace writes full request and response bodies, including tokens and personal data, to CloudWatch Logs.',
  level: 'error',
  anchors: ['checkov CKV_AWS_276'],
  resourceTypes: ['aws_api_gateway_method_settings', 'aws_apigatewayv2_stage'],
  check(plan) {
    const out: Violation[] = [];
    for (const ms of plan.ofType('aws_api_gateway_method_settings')) {
      if (ms.bool('settings.0.data_trace_enabled') !== true) continue;
      out.push({
        address: ms.address,
        message: `Method settings ${ms.address} (methods ${ms.str('method_path') ?? '?'}) have data_trace_enabled = true; allowed: false.`,
        fix: 'Set settings { data_trace_enabled = false } and use access logs with selected $context fields instead.',
      });
    }
    for (const stage of plan.ofType('aws_apigatewayv2_stage')) {
      const routes = stage.list('route_settings').map((_, i) => `route_settings.${i}`);
      for (const path of ['default_route_settings.0', ...routes]) {
        if (stage.bool(`${path}.data_trace_enabled`) !== true) continue;
        out.push({
          address: stage.address,
          message: `Stage ${stage.address} has ${path.replace(/\.\d+$/, '')}${path.startsWith('route') ? ` (route ${stage.str(`${path}.route_key`) ?? '?'})` : ''} data_trace_enabled = true; allowed: false.`,
          fix: 'Set data_trace_enabled = false.',
        });
      }
    }
    return out;
  },
};
