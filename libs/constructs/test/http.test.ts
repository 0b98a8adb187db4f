import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { Apigatewayv2VpcLink } from '@cdktf/provider-aws/lib/apigatewayv2-vpc-link';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { Testing } from 'cdktf';
import { HttpApi } from '../src/http/http-api';
import { synthObject, testStack, validationErrorOf } from './helpers';
import { albIntegration, cloudMap, fixture } from './http-fixture';

describe('HttpApi', () => {
  test('an HTTP API with a stage that logs, throttles and deploys itself', () => {
    const f = fixture();
    f.api.addRoute('ANY /{proxy+}', {
      integration: albIntegration(f),
      authorization: { type: 'AWS_IAM' },
    });
    const synthesized = Testing.synth(f.stack);
    expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Api, {
      protocol_type: 'HTTP',
      disable_execute_api_endpoint: false,
    });
    expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Stage, {
      name: 'v1',
      auto_deploy: true,
      access_log_settings: expect.objectContaining({
        destination_arn: expect.stringContaining('aws_cloudwatch_log_group.api_access-logs'),
      }),
      default_route_settings: {
        throttling_rate_limit: 100,
        throttling_burst_limit: 50,
        detailed_metrics_enabled: true,
      },
    });
  });

  test('the stage defaults to $default', () => {
    const stack = testStack();
    new HttpApi(stack, 'api', {
      name: 'x',
      stage: { accessLogRetentionDays: 30, throttleRateLimit: 1, throttleBurstLimit: 1 },
    });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Apigatewayv2Stage, {
      name: '$default',
    });
  });

  test('a JWT authorizer on ANY /{proxy+}', () => {
    const f = fixture();
    const jwt = f.api.addJwtAuthorizer('jwt', {
      issuer: 'https://issuer.example.com/pool',
      audience: ['client-a'],
    });
    f.api.addRoute('ANY /{proxy+}', {
      integration: albIntegration(f),
      authorization: { type: 'JWT', authorizer: jwt, scopes: ['orders/read'] },
    });
    const synthesized = Testing.synth(f.stack);
    expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Authorizer, {
      authorizer_type: 'JWT',
      identity_sources: ['$request.header.Authorization'],
      jwt_configuration: { issuer: 'https://issuer.example.com/pool', audience: ['client-a'] },
    });
    expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Route, {
      route_key: 'ANY /{proxy+}',
      authorization_type: 'JWT',
      authorizer_id: expect.stringContaining('aws_apigatewayv2_authorizer.api_authorizer-jwt'),
      authorization_scopes: ['orders/read'],
      target: expect.stringMatching(
        /^integrations\/\$\{aws_apigatewayv2_integration\.api_integration-alb_resource_\w+\.id\}$/,
      ),
    });
  });

  test('fails when a route has no authorization', () => {
    const f = fixture();
    const integration = albIntegration(f);
    const error = validationErrorOf(() =>
      f.api.addRoute('ANY /{proxy+}', { integration, authorization: { type: 'NONE' } as never }),
    );
    expect(error.codes).toEqual(['RouteWithoutAuthorization']);
    expect(error.message).toMatch(
      /routes\["ANY \/\{proxy\+\}"\]\.authorization must be AWS_IAM or JWT.*got "NONE"/,
    );
  });

  test('fails when a route key is malformed', () => {
    const f = fixture();
    const integration = albIntegration(f);
    const error = validationErrorOf(() =>
      f.api.addRoute('FETCH /{proxy+}/x', { integration, authorization: { type: 'AWS_IAM' } }),
    );
    expect(error.codes).toEqual(['InvalidRouteKey']);
    expect(error.message).toContain('got "FETCH /{proxy+}/x"');
  });

  test('fails when the JWT issuer is not https', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      f.api.addJwtAuthorizer('jwt', { issuer: 'http://issuer.example.com', audience: ['a'] }),
    );
    expect(error.codes).toEqual(['InvalidIssuer']);
    expect(error.message).toMatch(
      /authorizers\.jwt\.issuer must be an https:\/\/ issuer URL, got "http:\/\/issuer\.example\.com"/,
    );
  });

  test('fails at synth when the API has no routes', () => {
    const f = fixture();
    expect(() => Testing.synth(f.stack, true)).toThrow(/NoRoutes: HttpApi .*api has no routes/);
  });
});

describe('VpcLinkV2', () => {
  test('a VPC link in the subnets with its own security group', () => {
    const f = fixture();
    const synthesized = Testing.synth(f.stack);
    expect(synthesized).toHaveResourceWithProperties(Apigatewayv2VpcLink, {
      name: 'orders',
      subnet_ids: [
        expect.stringContaining('aws_subnet.network_private-us-east-1a'),
        expect.stringContaining('aws_subnet.network_private-us-east-1b'),
      ],
      security_group_ids: [expect.stringContaining('aws_security_group.link_sg')],
    });
  });
});

describe('CloudMapService', () => {
  test('SRV records with multivalue routing in the namespace', () => {
    const f = fixture();
    cloudMap(f);
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(ServiceDiscoveryService, {
      name: 'api',
      dns_config: expect.objectContaining({
        routing_policy: 'MULTIVALUE',
        dns_records: [{ type: 'SRV', ttl: 10 }],
      }),
    });
    expect(synthObject(f.stack).resource.aws_service_discovery_private_dns_namespace).toBeDefined();
  });

  test('fails when asked for A records', () => {
    const f = fixture();
    const error = validationErrorOf(() => cloudMap(f, 'A'));
    expect(error.codes).toEqual(['CloudMapRequiresSrv']);
    expect(error.message).toMatch(
      /CloudMapRequiresSrv: props\.dnsRecordType must be SRV.*A records are not supported, got "A"/,
    );
  });
});
