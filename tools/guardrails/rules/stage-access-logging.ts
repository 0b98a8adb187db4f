import type { PlanRule, Violation } from '../engine/rule';

export const stageAccessLogging: PlanRule = {
  scope: 'plan',
  id: 'APIGW-STAGE-001',
  description: 'Every API Gateway stage (REST and HTTP/WebSocket) writes access logs.',
  reason:
    'Access logs are the record of who called the API, from which endpoint, and with what result; without them incidents cannot be investigated.',
  level: 'error',
  anchors: ['checkov CKV_AWS_76', 'cdk-nag AwsSolutions-APIG1', 'AWS FSBP APIGateway.9'],
  resourceTypes: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'],
  check(plan) {
    const out: Violation[] = [];
    for (const stage of plan.ofType('aws_api_gateway_stage', 'aws_apigatewayv2_stage')) {
      const destination = stage.isConfigured('access_log_settings.0.destination_arn');
      const format = stage.isConfigured('access_log_settings.0.format');
      if (destination && format) continue;
      out.push({
        address: stage.address,
        message: `Stage ${stage.address} has ${destination ? 'no access log format' : 'no access_log_settings destination'}; access logging must be on.`,
        fix: 'Add access_log_settings { destination_arn = aws_cloudwatch_log_group.<name>.arn, format = jsonencode({ requestId = "$context.requestId", ... }) }.',
      });
    }
    return out;
  },
};
