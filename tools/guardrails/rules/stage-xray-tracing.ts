import type { PlanRule, Violation } from '../engine/rule';

export const stageXrayTracing: PlanRule = {
  scope: 'plan',
  id: 'APIGW-STAGE-002',
  description: 'Every REST API stage has X-Ray tracing enabled.',
  reason:
    'Traces show where a request through the endpoint, API Gateway and the private integration spends its time and where it fails.',
  level: 'error',
  anchors: ['checkov CKV_AWS_73', 'AWS FSBP APIGateway.3'],
  resourceTypes: ['aws_api_gateway_stage'],
  check(plan) {
    return plan.ofType('aws_api_gateway_stage').flatMap((stage): Violation[] =>
      stage.bool('xray_tracing_enabled') === true
        ? []
        : [
            {
              address: stage.address,
              message: `REST stage ${stage.address} has xray_tracing_enabled = ${stage.bool('xray_tracing_enabled') ?? 'not set (false)'}; allowed: true.`,
              fix: 'Set xray_tracing_enabled = true.',
            },
          ],
    );
  },
};
