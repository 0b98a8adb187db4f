import type { PlanRule, Violation } from '../engine/rule';
import {
  isLoggingLevel,
  isStageWide,
  LOGGING_LEVELS,
  methodSettingsOf,
  v2Protocol,
  STAGE_SETTINGS_TYPES,
} from '../support/stages';

const ALLOWED = LOGGING_LEVELS.join(' or ');

export const stageLoggingMetrics: PlanRule = {
  scope: 'plan',
  id: 'APIGW-STAGE-003',
  description:
    'Every stage has execution logging at ERROR or INFO and CloudWatch metrics on, for all methods (REST: method settings */*; HTTP: default_route_settings).',
  reason:
    'Execution logs and per-method metrics are how operators see authorization failures, integration errors and throttling.',
  level: 'error',
  anchors: ['checkov CKV2_AWS_4', 'cdk-nag AwsSolutions-APIG6', 'AWS FSBP APIGateway.1'],
  resourceTypes: STAGE_SETTINGS_TYPES,
  check(plan) {
    const out: Violation[] = [];
    for (const stage of plan.ofType('aws_api_gateway_stage')) {
      const settings = methodSettingsOf(plan, stage);
      if (!settings.some(isStageWide)) {
        out.push({
          address: stage.address,
          message: `REST stage ${stage.address} has no aws_api_gateway_method_settings with method_path "*/*"; logging level and metrics are off for its methods.`,
          fix: `Add aws_api_gateway_method_settings { method_path = "*/*", settings { logging_level = "INFO", metrics_enabled = true } } for the stage.`,
        });
      }
      for (const ms of settings) {
        const level = ms.str('settings.0.logging_level');
        const metrics = ms.bool('settings.0.metrics_enabled');
        const scope = isStageWide(ms)
          ? 'all methods'
          : `methods ${ms.str('method_path') ?? '(unknown path)'}`;
        const problems: string[] = [];
        if (!isLoggingLevel(level) && (isStageWide(ms) || level !== undefined)) {
          problems.push(`logging_level ${level ?? 'not set (OFF)'} (allowed: ${ALLOWED})`);
        }
        if (metrics !== true && (isStageWide(ms) || metrics === false)) {
          problems.push(`metrics_enabled ${metrics ?? 'not set (false)'} (allowed: true)`);
        }
        if (problems.length === 0) continue;
        out.push({
          address: ms.address,
          message: `Method settings ${ms.address} (${scope} of ${stage.address}) have ${problems.join('; ')}.`,
          fix: 'Set settings { logging_level = "INFO" (or "ERROR"), metrics_enabled = true }.',
        });
      }
    }
    for (const stage of plan.ofType('aws_apigatewayv2_stage')) {
      const websocket = v2Protocol(plan, stage) === 'WEBSOCKET';
      const problems: string[] = [];
      const metrics = stage.bool('default_route_settings.0.detailed_metrics_enabled');
      if (metrics !== true)
        problems.push(
          `default_route_settings.detailed_metrics_enabled ${metrics ?? 'not set (false)'} (allowed: true)`,
        );
      if (websocket) {
        const level = stage.str('default_route_settings.0.logging_level');
        if (!isLoggingLevel(level))
          problems.push(
            `default_route_settings.logging_level ${level ?? 'not set (OFF)'} (allowed: ${ALLOWED})`,
          );
      }
      if (problems.length === 0) continue;
      out.push({
        address: stage.address,
        message: `${websocket ? 'WebSocket' : 'HTTP'} stage ${stage.address} has ${problems.join('; ')}.`,
        fix: `Set default_route_settings { detailed_metrics_enabled = true${websocket ? ', logging_level = "INFO"' : ''} }.`,
      });
    }
    return out;
  },
};
