import type { Plan, PlanResource } from '../engine/plan';
import { sameTarget, targetsOf } from './links';

/** What the stage-settings rules read: REST stages with their method settings, and HTTP/WebSocket stages. */
export const STAGE_SETTINGS_TYPES: readonly string[] = [
  'aws_api_gateway_stage',
  'aws_api_gateway_method_settings',
  'aws_apigatewayv2_stage',
];

/** Method settings of a REST stage: their stage_name references the stage, or names it on the same API. */
export function methodSettingsOf(plan: Plan, stage: PlanResource): readonly PlanResource[] {
  return plan.ofType('aws_api_gateway_method_settings').filter((settings) => {
    if (
      settings.references('stage_name').some((r) => r.resolved && r.address === stage.baseAddress)
    )
      return true;
    const name = settings.str('stage_name');
    return (
      name !== undefined &&
      name === stage.str('stage_name') &&
      sameTarget(settings, 'rest_api_id', stage, 'rest_api_id')
    );
  });
}

/** True for the settings that apply to every method of the stage (method_path "*\/*"). */
export function isStageWide(settings: PlanResource): boolean {
  return settings.str('method_path') === '*/*';
}

/** `HTTP`, `WEBSOCKET`, or undefined when the API of an apigatewayv2 stage is not in the plan. */
export function v2Protocol(plan: Plan, stage: PlanResource): string | undefined {
  return targetsOf(plan, stage, 'api_id', ['aws_apigatewayv2_api'])[0]?.str('protocol_type');
}

export const LOGGING_LEVELS = ['ERROR', 'INFO'] as const;

export function isLoggingLevel(value: string | undefined): boolean {
  return value !== undefined && (LOGGING_LEVELS as readonly string[]).includes(value);
}
