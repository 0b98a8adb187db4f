import type { PlanRule, Violation } from '../engine/rule';
import { v2Protocol } from '../support/stages';

const ALLOWED = ['AWS_IAM', 'CUSTOM', 'JWT'];

export const httpRouteAuthorization: PlanRule = {
  scope: 'plan',
  id: 'APIGW-AUTH-002',
  description:
    'HTTP API routes (and WebSocket $connect routes) use authorization_type AWS_IAM, CUSTOM or JWT; OPTIONS routes are exempt.',
  reason:
    'HTTP APIs cannot be private: any route without an authorizer can be called by anyone on the internet.',
  level: 'error',
  anchors: ['checkov CKV_AWS_309', 'AWS FSBP APIGateway.8'],
  resourceTypes: ['aws_apigatewayv2_route'],
  check(plan) {
    const out: Violation[] = [];
    for (const route of plan.ofType('aws_apigatewayv2_route')) {
      const key = route.str('route_key') ?? '';
      if (key.startsWith('OPTIONS ')) continue;
      const websocket = v2Protocol(plan, route) === 'WEBSOCKET';
      if (websocket && key !== '$connect') continue;
      const type = route.str('authorization_type');
      if (type !== undefined && ALLOWED.includes(type)) continue;
      out.push({
        address: route.address,
        message: `Route ${route.address} (${key || '?'}) has authorization_type ${type ?? 'not set (NONE)'}; allowed: ${ALLOWED.join(', ')}.`,
        fix: 'Set authorization_type = "JWT" with an authorizer_id, or "AWS_IAM".',
      });
    }
    return out;
  },
};
