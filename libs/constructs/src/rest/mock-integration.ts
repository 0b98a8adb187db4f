import type { RestIntegrationSpec } from './rest-api-base';

/**
 * A MOCK integration: API Gateway answers itself, with `statusCode` and the JSON `body`, a
 * response mapping template (so `$context` variables such as `$context.identity.vpceId` are
 * filled in). The reference apps use it where the backend is not the point.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
 */
export function mockIntegration(body: string, statusCode = 200): RestIntegrationSpec {
  return {
    type: 'MOCK',
    requestTemplates: { 'application/json': `{"statusCode": ${statusCode}}` },
    responses: { [String(statusCode)]: { templates: { 'application/json': body } } },
  };
}
