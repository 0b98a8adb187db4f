import { ApiGatewayMethodSettings } from '@cdktf/provider-aws/lib/api-gateway-method-settings';
import { ApiGatewayStage } from '@cdktf/provider-aws/lib/api-gateway-stage';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Testing } from 'cdktf';
import { ExecuteApiEndpoint } from '../src/endpoints/execute-api-endpoint';
import { ReferenceStack } from '../src/app/reference-stack';
import { PrivateRestApi, PrivateRestApiProps } from '../src/rest/private-rest-api';
import { ResourcePolicy } from '../src/rest/resource-policy';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

type PolicyDocument = {
  statement: {
    sid: string;
    effect: string;
    actions: string[];
    resources: string[];
    condition?: { test: string; variable: string; values: string[] }[];
    principals: { type: string; identifiers: string[] }[];
  }[];
};

function fixture(overrides: Partial<PrivateRestApiProps> = {}, privateDns?: boolean) {
  const stack = testStack();
  const network = testNetwork(stack);
  const endpoint = new ExecuteApiEndpoint(stack, 'endpoint', {
    network,
    clientCidrs: ['10.0.0.0/16'],
    privateDns,
  });
  const api = new PrivateRestApi(stack, 'api', {
    name: 'orders',
    endpoints: [endpoint],
    policy: ResourcePolicy.fromEndpoints([endpoint]),
    stage: { accessLogRetentionDays: 30, throttleRateLimit: 10, throttleBurstLimit: 5 },
    ...overrides,
  });
  return { stack, network, endpoint, api };
}

function mock() {
  return {
    type: 'MOCK' as const,
    requestTemplates: { 'application/json': '{"statusCode": 200}' },
    responses: { '200': { templates: { 'application/json': '{}' } } },
  };
}

function policyDocuments(stack: ReferenceStack): Record<string, PolicyDocument> {
  return synthObject(stack).data.aws_iam_policy_document as unknown as Record<
    string,
    PolicyDocument
  >;
}

describe('ExecuteApiEndpoint', () => {
  test('an interface endpoint for execute-api in every private subnet with private DNS on', () => {
    const { stack, api } = fixture();
    api.addMethod('/hello', 'GET', { integration: mock() });
    expect(Object.values(synthObject(stack).resource.aws_vpc_endpoint)).toEqual([
      expect.objectContaining({
        service_name: 'com.amazonaws.us-east-1.execute-api',
        vpc_endpoint_type: 'Interface',
        private_dns_enabled: true,
        subnet_ids: [
          expect.stringMatching(/^\$\{aws_subnet\.network_private-us-east-1a_\w+\.id\}$/),
          expect.stringMatching(/^\$\{aws_subnet\.network_private-us-east-1b_\w+\.id\}$/),
        ],
      }),
    ]);
  });

  test('admits HTTPS only from the client CIDRs', () => {
    const { stack, api } = fixture();
    api.addMethod('/hello', 'GET', { integration: mock() });
    const ingress = Object.values(synthObject(stack).resource.aws_vpc_security_group_ingress_rule);
    expect(ingress).toEqual([
      expect.objectContaining({
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '10.0.0.0/16',
      }),
    ]);
  });

  test('private DNS off', () => {
    const { stack, api } = fixture({}, false);
    api.addMethod('/hello', 'GET', { integration: mock() });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(VpcEndpoint, {
      private_dns_enabled: false,
    });
  });

  test('the endpoint policy allows invoking only the APIs it serves', () => {
    const { stack, api } = fixture();
    api.addMethod('/hello', 'GET', { integration: mock() });
    const policy = Object.entries(policyDocuments(stack)).find(([id]) =>
      id.startsWith('endpoint_policy'),
    )![1];
    expect(policy.statement).toEqual([
      expect.objectContaining({
        effect: 'Allow',
        actions: ['execute-api:Invoke'],
        resources: [
          expect.stringMatching(
            /^\$\{aws_api_gateway_rest_api\.api_resource_\w+\.execution_arn\}\/\*$/,
          ),
        ],
      }),
    ]);
  });

  test('fails when no client may reach it', () => {
    const stack = testStack();
    const error = validationErrorOf(
      () => new ExecuteApiEndpoint(stack, 'e', { network: testNetwork(stack), clientCidrs: [] }),
    );
    expect(error.codes).toEqual(['NoClients']);
    expect(error.message).toMatch(
      /props\.clientCidrs must name at least one client CIDR or security group/,
    );
  });

  test('fails at synth when it serves no API', () => {
    const stack = testStack();
    new ExecuteApiEndpoint(stack, 'e', {
      network: testNetwork(stack),
      clientCidrs: ['10.0.0.0/16'],
    });
    expect(() => Testing.synth(stack, true)).toThrow(
      /NoApis: ExecuteApiEndpoint test\/e serves no API/,
    );
  });
});

describe('PrivateRestApi', () => {
  test('a PRIVATE API associated with its endpoint', () => {
    const { stack, api } = fixture();
    api.addMethod('/hello', 'GET', { integration: mock() });
    expect(Object.values(synthObject(stack).resource.aws_api_gateway_rest_api)).toEqual([
      expect.objectContaining({
        name: 'orders',
        endpoint_configuration: {
          types: ['PRIVATE'],
          vpc_endpoint_ids: [expect.stringMatching(/^\$\{aws_vpc_endpoint\.endpoint_\w+\.id\}$/)],
        },
      }),
    ]);
  });

  test('the resource policy allows only the endpoint and denies every other source', () => {
    const { stack, api } = fixture();
    api.addMethod('/hello', 'GET', { integration: mock() });
    const policy = Object.entries(policyDocuments(stack)).find(([id]) =>
      id.startsWith('api_resource-policy'),
    )![1];
    const endpointId = expect.stringMatching(/^\$\{aws_vpc_endpoint\.endpoint_\w+\.id\}$/);
    expect(policy.statement).toEqual([
      expect.objectContaining({
        effect: 'Allow',
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*'],
        condition: [{ test: 'StringEquals', variable: 'aws:SourceVpce', values: [endpointId] }],
      }),
      expect.objectContaining({
        effect: 'Deny',
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*'],
        condition: [{ test: 'StringNotEquals', variable: 'aws:SourceVpce', values: [endpointId] }],
      }),
    ]);
  });

  test('a VPC-based policy uses aws:SourceVpc, and principals can be narrowed', () => {
    const { stack, api, network } = fixture({});
    void api;
    const other = new PrivateRestApi(stack, 'api2', {
      name: 'vpc-wide',
      endpoints: [ExecuteApiEndpoint.fromEndpointId('vpce-0123456789abcdef0')],
      policy: ResourcePolicy.fromVpcs([network.vpc.id], {
        principals: ['arn:aws:iam::222222222222:root'],
      }),
      stage: { accessLogRetentionDays: 30, throttleRateLimit: 10, throttleBurstLimit: 5 },
    });
    other.addMethod('/', 'GET', { integration: mock() });
    api.addMethod('/', 'GET', { integration: mock() });
    const policy = Object.entries(policyDocuments(stack)).find(([id]) =>
      id.startsWith('api2_resource-policy'),
    )![1];
    expect(policy.statement[0].condition).toEqual([
      {
        test: 'StringEquals',
        variable: 'aws:SourceVpc',
        values: [expect.stringMatching(/^\$\{aws_vpc\.network_vpc_\w+\.id\}$/)],
      },
    ]);
    expect(policy.statement[0].principals).toEqual([
      { type: 'AWS', identifiers: ['arn:aws:iam::222222222222:root'] },
    ]);
  });

  test('the stage has access logs, X-Ray, and method settings with metrics, logging and throttling', () => {
    const { stack, api } = fixture();
    api.addMethod('/hello', 'GET', { integration: mock() });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayStage, {
      stage_name: 'v1',
      xray_tracing_enabled: true,
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethodSettings, {
      method_path: '*/*',
      settings: {
        metrics_enabled: true,
        logging_level: 'INFO',
        data_trace_enabled: false,
        throttling_rate_limit: 10,
        throttling_burst_limit: 5,
      },
    });
    const stage = Object.values(synthObject(stack).resource.aws_api_gateway_stage)[0] as {
      access_log_settings: { destination_arn: string; format: string };
    };
    expect(stage.access_log_settings.destination_arn).toMatch(
      /aws_cloudwatch_log_group\.api_access-logs/,
    );
    expect(JSON.parse(stage.access_log_settings.format)).toEqual(
      expect.objectContaining({
        requestId: '$context.requestId',
        vpceId: '$context.identity.vpceId',
      }),
    );
  });

  test('methods default to IAM authorization and the deployment waits for them', () => {
    const { stack, api } = fixture();
    api.addMethod('/orders/{id}', 'GET', { integration: mock() });
    const resources = synthObject(stack).resource;
    expect(Object.values(resources.aws_api_gateway_method)).toEqual([
      expect.objectContaining({ http_method: 'GET', authorization: 'AWS_IAM' }),
    ]);
    expect(
      Object.values(resources.aws_api_gateway_resource)
        .map((r) => r.path_part)
        .sort(),
    ).toEqual(['orders', '{id}']);
    const deployment = Object.values(resources.aws_api_gateway_deployment)[0] as {
      depends_on: string[];
    };
    expect(deployment.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_api_gateway_method\./),
        expect.stringMatching(/^aws_api_gateway_integration\./),
      ]),
    );
  });

  test('the deployment trigger changes when a method changes', () => {
    const hash = (template: string) => {
      const { stack, api } = fixture();
      api.addMethod('/hello', 'GET', {
        integration: { ...mock(), requestTemplates: { 'application/json': template } },
      });
      const deployment = Object.values(
        synthObject(stack).resource.aws_api_gateway_deployment,
      )[0] as { triggers: { definition: string } };
      return deployment.triggers.definition;
    };
    expect(hash('{"statusCode": 200}')).toBe(hash('{"statusCode": 200}'));
    expect(hash('{"statusCode": 200}')).not.toBe(hash('{"statusCode": 201}'));
  });

  test('fails when built without a resource policy', () => {
    const error = validationErrorOf(() =>
      fixture({ policy: undefined as unknown as ResourcePolicy }),
    );
    expect(error.codes).toEqual(['MissingResourcePolicy']);
    expect(error.message).toMatch(
      /props\.policy is required: a private API cannot be deployed without a resource policy/,
    );
  });

  test('fails when the policy names no source', () => {
    const error = validationErrorOf(() => fixture({ policy: ResourcePolicy.fromEndpoints([]) }));
    expect(error.codes).toEqual(['EmptyResourcePolicy']);
    expect(error.message).toMatch(
      /props\.policy\.endpoints must name at least one execute-api endpoint or VPC/,
    );
  });

  test('fails when a principal is not an IAM ARN', () => {
    const error = validationErrorOf(() =>
      fixture({ policy: ResourcePolicy.fromVpcs(['vpc-1'], { principals: ['*'] }) }),
    );
    expect(error.codes).toEqual(['InvalidPrincipal']);
    expect(error.message).toMatch(
      /props\.policy\.principals\[0\] must be an IAM principal ARN.*got "\*"/,
    );
  });

  test('fails without endpoints', () => {
    expect(validationErrorOf(() => fixture({ endpoints: [] })).codes).toEqual(['NoEndpoints']);
  });

  test('fails on a non-positive throttle', () => {
    const error = validationErrorOf(() =>
      fixture({
        stage: { accessLogRetentionDays: 30, throttleRateLimit: 0, throttleBurstLimit: 1.5 },
      }),
    );
    expect(error.codes).toEqual(['InvalidThrottle', 'InvalidThrottle']);
    expect(error.message).toMatch(/props\.stage\.throttleRateLimit must be greater than 0, got 0/);
    expect(error.message).toMatch(
      /props\.stage\.throttleBurstLimit must be a whole number greater than 0, got 1\.5/,
    );
  });

  test('fails on a malformed path', () => {
    const { api } = fixture();
    const error = validationErrorOf(() =>
      api.addMethod('/orders/{id', 'GET', { integration: mock() }),
    );
    expect(error.codes).toEqual(['InvalidPath']);
    expect(error.message).toMatch(/path\[1\] must be a path part .*got "\{id"/);
  });

  test('fails on an unknown HTTP method', () => {
    const { api } = fixture();
    expect(
      validationErrorOf(() => api.addMethod('/x', 'FETCH', { integration: mock() })).codes,
    ).toEqual(['InvalidHttpMethod']);
  });

  test('fails when an authorizer is missing for CUSTOM authorization', () => {
    const { api } = fixture();
    const error = validationErrorOf(() =>
      api.addMethod('/x', 'GET', { authorization: 'CUSTOM', integration: mock() }),
    );
    expect(error.codes).toEqual(['AuthorizerMismatch']);
  });

  test('fails at synth when the API has no method', () => {
    const { stack } = fixture();
    expect(() => Testing.synth(stack, true)).toThrow(
      /NoMethods: PrivateRestApi test\/api has no methods/,
    );
  });
});
