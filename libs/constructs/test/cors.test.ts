import type { ReferenceStack } from '../src/app/reference-stack';
import { ExecuteApiEndpoint } from '../src/endpoints/execute-api-endpoint';
import { Cors, CorsProps } from '../src/rest/cors';
import { PrivateRestApi } from '../src/rest/private-rest-api';
import { ResourcePolicy } from '../src/rest/resource-policy';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

type Resources = Record<string, Record<string, unknown>>;
const only = (resources: Resources | undefined) => Object.values(resources ?? {});
const ORIGIN = 'https://portal.onprem.example.internal';
// Integrations and responses of a preflight reference an OPTIONS method of the API.
const ofPreflight = (r: Record<string, unknown>) =>
  /aws_api_gateway_method\.api_method-[\w-]+-OPTIONS_/.test(String(r.http_method));

function apiIn(stack: ReferenceStack): PrivateRestApi {
  const network = testNetwork(stack);
  const endpoint = new ExecuteApiEndpoint(stack, 'endpoint', {
    network,
    clientCidrs: ['192.168.0.0/20'],
    privateDns: false,
  });
  const api = new PrivateRestApi(stack, 'api', {
    name: 'cors-test',
    endpoints: [endpoint],
    policy: ResourcePolicy.fromEndpoints([endpoint]),
    stage: { accessLogRetentionDays: 30, throttleRateLimit: 10, throttleBurstLimit: 5 },
  });
  const mock = (status: string) => ({
    type: 'MOCK',
    requestTemplates: { 'application/json': `{"statusCode": ${status}}` },
    responses: { [status]: { templates: { 'application/json': '{}' } } },
  });
  api.addMethod('/hello', 'GET', { integration: mock('200') });
  api.addMethod('/orders/{id}', 'POST', { integration: mock('201') });
  return api;
}

function withCors(props: Partial<CorsProps> = {}) {
  const stack = testStack();
  const api = apiIn(stack);
  const cors = new Cors(stack, 'cors', { api, allowOrigin: ORIGIN, ...props });
  return { stack, api, cors };
}

describe('Cors', () => {
  test('answers OPTIONS on every resource with a MOCK integration and the configured origin, methods, headers and max age', () => {
    const { stack } = withCors();
    const resource = synthObject(stack, true).resource;
    const options = only(resource.aws_api_gateway_method).filter(
      (m) => m.http_method === 'OPTIONS',
    );
    // /hello, /orders and /orders/{id}
    expect(options).toHaveLength(3);
    for (const method of options) expect(method.authorization).toBe('NONE');
    const optionIntegrations = only(resource.aws_api_gateway_integration).filter(
      (i) => i.type === 'MOCK' && ofPreflight(i),
    );
    expect(optionIntegrations).toHaveLength(3);
    const responses = only(resource.aws_api_gateway_integration_response).filter(ofPreflight);
    expect(responses).toHaveLength(3);
    for (const response of responses) {
      expect(response.response_parameters).toEqual({
        'method.response.header.Access-Control-Allow-Origin': `'${ORIGIN}'`,
        'method.response.header.Access-Control-Allow-Methods':
          "'GET,POST,PUT,PATCH,DELETE,OPTIONS'",
        'method.response.header.Access-Control-Allow-Headers':
          "'Content-Type,Authorization,X-Amz-Date,X-Amz-Security-Token,X-Amz-Content-Sha256'",
        'method.response.header.Access-Control-Max-Age': "'600'",
        'method.response.header.Vary': "'Origin'",
      });
    }
    const methodResponses = only(resource.aws_api_gateway_method_response).filter(ofPreflight);
    for (const response of methodResponses) {
      expect(response.response_parameters).toEqual(
        expect.objectContaining({ 'method.response.header.Access-Control-Allow-Origin': true }),
      );
    }
  });

  test('puts the origin on the DEFAULT_4XX and DEFAULT_5XX gateway responses', () => {
    const { stack } = withCors();
    const responses = only(synthObject(stack).resource.aws_api_gateway_gateway_response);
    expect(responses.map((r) => r.response_type).sort()).toEqual(['DEFAULT_4XX', 'DEFAULT_5XX']);
    for (const response of responses) {
      expect(response.response_parameters).toEqual(
        expect.objectContaining({
          'gatewayresponse.header.Access-Control-Allow-Origin': `'${ORIGIN}'`,
          'gatewayresponse.header.Vary': "'Origin'",
        }),
      );
    }
  });

  test('redeploys the stage when the CORS settings change', () => {
    const triggers = (origin: string) => {
      const { stack } = withCors({ allowOrigin: origin });
      const [deployment] = only(synthObject(stack).resource.aws_api_gateway_deployment);
      const dependsOn = deployment.depends_on as string[];
      expect(dependsOn.some((d) => d.startsWith('aws_api_gateway_gateway_response.'))).toBe(true);
      return (deployment.triggers as Record<string, string>).definition;
    };
    expect(triggers('https://a.example')).not.toEqual(triggers('https://b.example'));
  });

  test('answers on the root too when includeRoot is set', () => {
    const { stack } = withCors({ includeRoot: true });
    const options = only(synthObject(stack).resource.aws_api_gateway_method).filter(
      (m) => m.http_method === 'OPTIONS',
    );
    expect(options).toHaveLength(4);
    expect(options.some((m) => String(m.resource_id).includes('root_resource_id'))).toBe(true);
  });

  test('sends Access-Control-Allow-Credentials when allowCredentials is set', () => {
    const { stack } = withCors({ allowCredentials: true });
    const [response] = only(synthObject(stack).resource.aws_api_gateway_gateway_response);
    expect(response.response_parameters).toEqual(
      expect.objectContaining({
        'gatewayresponse.header.Access-Control-Allow-Credentials': "'true'",
      }),
    );
  });

  test('answers * only with the explicit allowAnyOrigin option', () => {
    const { stack } = withCors({ allowOrigin: '*', allowAnyOrigin: true });
    const [response] = only(synthObject(stack).resource.aws_api_gateway_gateway_response);
    expect(response.response_parameters).toEqual(
      expect.objectContaining({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'*'" }),
    );
  });

  test('every non-proxy response of the API carries the origin, including those built later', () => {
    const { stack, api } = withCors();
    api.addMethod('/hello', 'DELETE', {
      integration: {
        type: 'MOCK',
        responses: { '204': { headers: { 'Cache-Control': 'no-store' } } },
      },
    });
    const resource = synthObject(stack).resource;
    const responses = only(resource.aws_api_gateway_integration_response).filter(
      (r) => !ofPreflight(r),
    );
    expect(responses).toHaveLength(3);
    for (const response of responses) {
      expect(response.response_parameters).toEqual(
        expect.objectContaining({
          'method.response.header.Access-Control-Allow-Origin': `'${ORIGIN}'`,
          'method.response.header.Vary': "'Origin'",
        }),
      );
    }
    expect(responses.map((r) => r.response_parameters)).toContainEqual(
      expect.objectContaining({ 'method.response.header.Cache-Control': "'no-store'" }),
    );
  });

  test('keeps an OPTIONS method the app defined itself', () => {
    const stack = testStack();
    const api = apiIn(stack);
    api.addMethod('/hello', 'OPTIONS', {
      authorization: 'NONE',
      integration: {
        type: 'MOCK',
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
      },
    });
    new Cors(stack, 'cors', { api, allowOrigin: ORIGIN });
    const options = only(synthObject(stack, true).resource.aws_api_gateway_method).filter(
      (m) => m.http_method === 'OPTIONS',
    );
    expect(options).toHaveLength(3);
  });

  test.each([
    'https://portal.example/',
    'https://portal.example/app',
    'portal.example',
    'https://*.example',
    '*',
    'ftp://portal.example',
    'https://portal.example:70000',
    'https://portal.example?x=1',
  ])('fails when the origin is not an origin (%s)', (origin) => {
    const error = validationErrorOf(() => withCors({ allowOrigin: origin }));
    expect(error.codes).toEqual(['InvalidOrigin']);
    expect(error.message).toContain(`InvalidOrigin: props.allowOrigin must `);
    expect(error.message).toContain(`got ${JSON.stringify(origin)}`);
  });

  test('fails when allowAnyOrigin is combined with credentials', () => {
    const error = validationErrorOf(() =>
      withCors({ allowOrigin: '*', allowAnyOrigin: true, allowCredentials: true }),
    );
    expect(error.codes).toEqual(['CredentialsWithAnyOrigin']);
    expect(error.message).toMatch(/props\.allowCredentials must be false with allowAnyOrigin/);
  });

  test('fails when a method, header or max age is not allowed', () => {
    const error = validationErrorOf(() =>
      withCors({ allowMethods: ['FETCH'], allowHeaders: ['Bad Header'], maxAgeSeconds: 90000 }),
    );
    expect(error.codes).toEqual(['InvalidHttpMethod', 'InvalidHeaderName', 'InvalidMaxAge']);
    expect(error.message).toMatch(/props\.allowMethods\[0\] .*got "FETCH"/);
    expect(error.message).toMatch(
      /props\.maxAgeSeconds must be a whole number of seconds, 0-86400, got 90000/,
    );
  });

  test('fails at synth when a resource is added after Cors', () => {
    const { stack, api } = withCors();
    api.addMethod('/late', 'GET', { integration: { type: 'MOCK' } });
    expect(() => synthObject(stack, true)).toThrow(
      /MissingPreflight: resource \/late of test\/api/,
    );
  });
});
