import { AccountScope } from '../src/app/account-scope';
import { BackendFunction } from '../src/compute/backend-function';
import {
  CognitoAuthorizer,
  IRestAuthorizer,
  LambdaAuthorizer,
  LambdaAuthorizerProps,
} from '../src/rest/lambda-authorizer';
import { LambdaProxyIntegration } from '../src/rest/lambda-integration';
import { RegionalRestApi } from '../src/rest/regional-rest-api';
import { synthObject, testStack, validationErrorOf } from './helpers';

const HASH = 'a'.repeat(64);

function fixture() {
  const stack = testStack();
  const api = new RegionalRestApi(stack, 'front-door', {
    name: 'front-door',
    stage: { accessLogRetentionDays: 30, throttleRateLimit: 10, throttleBurstLimit: 5 },
  });
  const authorizer = (props: Partial<LambdaAuthorizerProps> = {}) =>
    new LambdaAuthorizer(stack, 'authorizer', {
      api,
      name: 'front-door-authorizer',
      logRetentionDays: 30,
      ...props,
    });
  const proxy = (auth: IRestAuthorizer) =>
    api.addMethod('/{proxy+}', 'ANY', {
      authorizer: auth,
      requestParameters: { 'method.request.path.proxy': true },
      integration: {
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'ANY',
        uri: 'https://example.com/{proxy}',
      },
    });
  return { stack, api, authorizer, proxy };
}

const values = (resources: Record<string, Record<string, unknown>> | undefined) =>
  Object.values(resources ?? {});

describe('LambdaAuthorizer', () => {
  test('a REQUEST authorizer on the Authorization header, backed by the bundled function', () => {
    const f = fixture();
    f.proxy(f.authorizer());
    const resource = synthObject(f.stack).resource;
    expect(values(resource.aws_api_gateway_authorizer)).toEqual([
      expect.objectContaining({
        type: 'REQUEST',
        identity_source: 'method.request.header.Authorization',
        authorizer_result_ttl_in_seconds: 300,
        authorizer_uri: expect.stringContaining('.invoke_arn'),
      }),
    ]);
    const fn = values(resource.aws_lambda_function)[0];
    expect(fn).toEqual(
      expect.objectContaining({
        runtime: 'nodejs22.x',
        handler: 'index.handler',
        tracing_config: { mode: 'Active' },
      }),
    );
    expect(fn.source_code_hash).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(fn.environment).toEqual({ variables: { TOKEN_SHA256: '' } });
  });

  test('only this API authorizer may invoke the function', () => {
    const f = fixture();
    f.proxy(f.authorizer());
    expect(values(synthObject(f.stack).resource.aws_lambda_permission)).toEqual([
      expect.objectContaining({
        principal: 'apigateway.amazonaws.com',
        action: 'lambda:InvokeFunction',
        source_arn: expect.stringMatching(
          /execution_arn\}\/authorizers\/\$\{aws_api_gateway_authorizer\..*\.id\}$/,
        ),
      }),
    ]);
  });

  test('the package hash is stable across synths', () => {
    const first = fixture();
    first.proxy(first.authorizer());
    const second = fixture();
    second.proxy(second.authorizer());
    const hash = (s: typeof first.stack) =>
      values(synthObject(s).resource.aws_lambda_function)[0].source_code_hash;
    expect(hash(first.stack)).toBe(hash(second.stack));
  });

  test('type TOKEN with a token hash', () => {
    const f = fixture();
    f.proxy(f.authorizer({ type: 'TOKEN', tokenSha256: HASH, resultTtlSeconds: 0 }));
    const resource = synthObject(f.stack).resource;
    expect(values(resource.aws_api_gateway_authorizer)[0]).toEqual(
      expect.objectContaining({ type: 'TOKEN', authorizer_result_ttl_in_seconds: 0 }),
    );
    expect(values(resource.aws_lambda_function)[0].environment).toEqual({
      variables: { TOKEN_SHA256: HASH },
    });
  });

  test('the method uses the authorizer', () => {
    const f = fixture();
    f.proxy(f.authorizer());
    expect(values(synthObject(f.stack).resource.aws_api_gateway_method)).toEqual([
      expect.objectContaining({
        authorization: 'CUSTOM',
        authorizer_id: expect.stringContaining('aws_api_gateway_authorizer.'),
      }),
    ]);
  });

  test('fails when the token hash is not a SHA-256 hex digest', () => {
    const f = fixture();
    const error = validationErrorOf(() => f.authorizer({ tokenSha256: 'secret' }));
    expect(error.codes).toEqual(['InvalidTokenHash']);
    expect(error.message).toMatch(/props\.tokenSha256 .*got "secret"/);
  });

  test('fails when a TOKEN authorizer reads anything but one header', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      f.authorizer({ type: 'TOKEN', identitySource: 'method.request.querystring.token' }),
    );
    expect(error.codes).toEqual(['InvalidIdentitySource']);
    expect(error.message).toMatch(/props\.identitySource .*"method\.request\.querystring\.token"/);
  });

  test('fails when the cache TTL is above an hour', () => {
    const f = fixture();
    const error = validationErrorOf(() => f.authorizer({ resultTtlSeconds: 7200 }));
    expect(error.codes).toEqual(['InvalidTtl']);
    expect(error.message).toMatch(/props\.resultTtlSeconds .*got 7200/);
  });
});

describe('CognitoAuthorizer', () => {
  const POOL = 'arn:aws:cognito-idp:us-east-1:111111111111:userpool/us-east-1_AbCdEf123';

  test('a COGNITO_USER_POOLS authorizer on the given pools', () => {
    const f = fixture();
    f.proxy(
      new CognitoAuthorizer(f.stack, 'cognito', {
        api: f.api,
        name: 'users',
        userPoolArns: [POOL],
      }),
    );
    const resource = synthObject(f.stack).resource;
    expect(values(resource.aws_api_gateway_authorizer)).toEqual([
      expect.objectContaining({
        type: 'COGNITO_USER_POOLS',
        provider_arns: [POOL],
        identity_source: 'method.request.header.Authorization',
      }),
    ]);
    expect(values(resource.aws_api_gateway_method)[0]).toEqual(
      expect.objectContaining({ authorization: 'COGNITO_USER_POOLS' }),
    );
  });

  test('fails when a pool ARN is malformed', () => {
    const f = fixture();
    const error = validationErrorOf(
      () =>
        new CognitoAuthorizer(f.stack, 'cognito', {
          api: f.api,
          name: 'users',
          userPoolArns: ['pool-1'],
        }),
    );
    expect(error.codes).toEqual(['InvalidUserPoolArn']);
    expect(error.message).toMatch(/props\.userPoolArns\[0\] .*got "pool-1"/);
  });
});

describe('RegionalRestApi', () => {
  test('a REGIONAL API whose stage has access logs, X-Ray, metrics and throttling', () => {
    const f = fixture();
    f.proxy(f.authorizer());
    const resource = synthObject(f.stack).resource;
    expect(values(resource.aws_api_gateway_rest_api)).toEqual([
      expect.objectContaining({ endpoint_configuration: { types: ['REGIONAL'] } }),
    ]);
    expect(values(resource.aws_api_gateway_stage)).toEqual([
      expect.objectContaining({
        xray_tracing_enabled: true,
        stage_name: 'v1',
        access_log_settings: expect.objectContaining({
          destination_arn: expect.stringContaining('aws_cloudwatch_log_group.'),
        }),
      }),
    ]);
    expect(values(resource.aws_api_gateway_method_settings)[0].settings).toEqual(
      expect.objectContaining({
        metrics_enabled: true,
        logging_level: 'INFO',
        throttling_rate_limit: 10,
        throttling_burst_limit: 5,
      }),
    );
  });

  test('the deployment waits for the methods, integrations and the authorizer', () => {
    const f = fixture();
    f.proxy(f.authorizer());
    const deployment = values(synthObject(f.stack).resource.aws_api_gateway_deployment)[0];
    expect(deployment.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^aws_api_gateway_authorizer\./),
        expect.stringMatching(/^aws_api_gateway_method\./),
        expect.stringMatching(/^aws_api_gateway_integration\./),
      ]),
    );
  });

  test('fails when a method has no authorizer', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      f.api.addMethod('/{proxy+}', 'ANY', {
        authorizer: undefined as unknown as IRestAuthorizer,
        integration: { type: 'MOCK' },
      }),
    );
    expect(error.codes).toEqual(['MissingAuthorizer']);
    expect(error.message).toMatch(
      /MissingAuthorizer: options\.authorizer is required: a public front door must authorize every method.*got nothing/,
    );
  });
});

describe('LambdaProxyIntegration', () => {
  test('grants the API in another account through the function policy, with the function account provider', () => {
    const f = fixture();
    const lambdaAccount = new AccountScope(f.stack, 'lambda-account', {
      alias: 'lambda',
      target: { accountId: '444444444444', region: 'us-east-1' },
    });
    const backend = new BackendFunction(lambdaAccount, 'backend', {
      name: 'echo',
      logRetentionDays: 30,
    });
    const integration = new LambdaProxyIntegration(f.stack, 'echo', {
      api: f.api,
      function: backend.function,
      httpMethod: 'GET',
      path: '/lambda',
    });
    f.api.addMethod('/lambda', 'GET', {
      authorizer: f.authorizer(),
      integration: integration.integration,
    });
    const resource = synthObject(f.stack).resource;
    const permission = Object.entries(resource.aws_lambda_permission).find(([key]) =>
      key.startsWith('echo'),
    )![1];
    expect(permission).toEqual(
      expect.objectContaining({
        provider: 'aws.lambda',
        principal: 'apigateway.amazonaws.com',
        source_account: '111111111111',
        source_arn: expect.stringMatching(
          /^\$\{aws_api_gateway_rest_api\..*\.execution_arn\}\/\*\/GET\/lambda$/,
        ),
      }),
    );
    expect(values(resource.aws_api_gateway_integration)[0]).toEqual(
      expect.objectContaining({
        type: 'AWS_PROXY',
        integration_http_method: 'POST',
        uri: expect.stringContaining('.invoke_arn'),
      }),
    );
  });

  test('fails when the function is in another Region', () => {
    const f = fixture();
    const other = new AccountScope(f.stack, 'lambda-account', {
      alias: 'lambda',
      target: { accountId: '444444444444', region: 'eu-west-1' },
    });
    const backend = new BackendFunction(other, 'backend', { name: 'echo', logRetentionDays: 30 });
    const error = validationErrorOf(
      () =>
        new LambdaProxyIntegration(f.stack, 'echo', {
          api: f.api,
          function: backend.function,
          httpMethod: 'GET',
          path: '/lambda',
        }),
    );
    expect(error.codes).toEqual(['RegionMismatch']);
    expect(error.message).toMatch(
      /props\.function must be a function in the API's Region us-east-1, got "eu-west-1"/,
    );
  });
});
