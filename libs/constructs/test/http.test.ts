import { Apigatewayv2Api } from '@cdktf/provider-aws/lib/apigatewayv2-api';
import { Apigatewayv2Authorizer } from '@cdktf/provider-aws/lib/apigatewayv2-authorizer';
import { Apigatewayv2Integration } from '@cdktf/provider-aws/lib/apigatewayv2-integration';
import { Apigatewayv2Route } from '@cdktf/provider-aws/lib/apigatewayv2-route';
import { Apigatewayv2Stage } from '@cdktf/provider-aws/lib/apigatewayv2-stage';
import { Apigatewayv2VpcLink } from '@cdktf/provider-aws/lib/apigatewayv2-vpc-link';
import { ServiceDiscoveryService } from '@cdktf/provider-aws/lib/service-discovery-service';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { CloudMapService, PrivateDnsNamespace } from '../src/discovery/cloud-map';
import { HttpApi } from '../src/http/http-api';
import { IntegrationTarget, PrivateIntegrationProps } from '../src/http/private-integration';
import { VpcLinkV2 } from '../src/http/vpc-link';
import { AccessLogsBucket } from '../src/load-balancing/access-logs-bucket';
import { InternalAlb } from '../src/load-balancing/internal-alb';
import { InternalNlb } from '../src/load-balancing/internal-nlb';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

function fixture() {
  const stack = testStack();
  const network = testNetwork(stack);
  const logs = new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
  const alb = new InternalAlb(stack, 'alb', { name: 'orders-alb', network, accessLogs: logs });
  const listener = alb.addListener('http', {
    port: 80,
    protocol: 'HTTP',
    targetGroup: alb.addTargetGroup('app', { port: 8080 }),
  });
  const link = new VpcLinkV2(stack, 'link', { name: 'orders', network });
  const api = new HttpApi(stack, 'api', {
    name: 'orders',
    stage: {
      name: 'v1',
      accessLogRetentionDays: 30,
      throttleRateLimit: 100,
      throttleBurstLimit: 50,
    },
  });
  return { stack, network, logs, alb, listener, link, api };
}

type Fixture = ReturnType<typeof fixture>;

function albIntegration(f: Fixture, extra: Partial<PrivateIntegrationProps> = {}) {
  return f.api.addPrivateIntegration('alb', {
    vpcLink: f.link,
    target: IntegrationTarget.albListener(f.alb, f.listener),
    ...extra,
  });
}

function cloudMap(f: Fixture, dnsRecordType?: string) {
  const namespace = new PrivateDnsNamespace(f.stack, 'ns', {
    name: 'orders.internal',
    vpcId: f.network.vpc.id,
  });
  return new CloudMapService(f.stack, 'svc', { namespace, name: 'api', dnsRecordType });
}

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

describe('PrivateIntegration', () => {
  test('to an ALB listener: HTTP_PROXY over the VPC link, payload 1.0, method ANY, timeout 30 s', () => {
    const f = fixture();
    albIntegration(f);
    const synthesized = Testing.synth(f.stack);
    expect(synthesized).toHaveResourceWithProperties(Apigatewayv2Integration, {
      integration_type: 'HTTP_PROXY',
      connection_type: 'VPC_LINK',
      connection_id: expect.stringContaining('aws_apigatewayv2_vpc_link.link_resource'),
      integration_uri: expect.stringContaining('aws_lb_listener.alb_listener-http'),
      integration_method: 'ANY',
      payload_format_version: '1.0',
      timeout_milliseconds: 30000,
    });
  });

  test('opens the VPC link group to the ALB group on the listener port, and only that', () => {
    const f = fixture();
    albIntegration(f);
    const synthesized = Testing.synth(f.stack);
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      security_group_id: expect.stringContaining('aws_security_group.link_sg'),
      referenced_security_group_id: expect.stringContaining('aws_security_group.alb_sg'),
      from_port: 80,
      to_port: 80,
    });
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: expect.stringContaining('aws_security_group.alb_sg'),
      referenced_security_group_id: expect.stringContaining('aws_security_group.link_sg'),
      from_port: 80,
    });
  });

  test('to an NLB listener', () => {
    const f = fixture();
    const nlb = new InternalNlb(f.stack, 'nlb', {
      name: 'orders-nlb',
      network: f.network,
      accessLogs: f.logs,
    });
    const listener = nlb.addListener('tcp', {
      port: 80,
      protocol: 'TCP',
      targetGroup: nlb.addTargetGroup('app', { targetType: 'ip', port: 8080 }),
    });
    f.api.addPrivateIntegration('nlb', {
      vpcLink: f.link,
      target: IntegrationTarget.nlbListener(nlb, listener),
    });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      integration_uri: expect.stringContaining('aws_lb_listener.nlb_listener-tcp'),
      connection_type: 'VPC_LINK',
    });
  });

  test('to a Cloud Map service with DiscoverInstances query filters on the URI', () => {
    const f = fixture();
    const svc = cloudMap(f);
    f.api.addPrivateIntegration('cm', {
      vpcLink: f.link,
      target: IntegrationTarget.cloudMap(svc, { filters: { stage: 'prod', deployment: 'green' } }),
    });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      integration_uri: expect.stringMatching(
        /^\$\{aws_service_discovery_service\.svc_resource_\w+\.arn\}\?deployment=green&stage=prod$/,
      ),
    });
  });

  test('TLS to the backend verifies the server name', () => {
    const f = fixture();
    albIntegration(f, { tlsServerName: 'orders.internal.example.com' });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      tls_config: { server_name_to_verify: 'orders.internal.example.com' },
    });
  });

  test('a server name built from values known only at apply is accepted', () => {
    const f = fixture();
    const invokeDomain = `${f.network.vpc.id}.execute-api.us-east-1.amazonaws.com`;
    albIntegration(f, { tlsServerName: invokeDomain });
    const integration = Object.values(
      synthObject(f.stack).resource.aws_apigatewayv2_integration,
    )[0] as {
      tls_config: { server_name_to_verify: string };
    };
    expect(integration.tls_config.server_name_to_verify).toMatch(
      /^\$\{aws_vpc\.\w+\.id\}\.execute-api\.us-east-1\.amazonaws\.com$/,
    );
  });

  test('fails when a server name with an apply-time value is still not a DNS name', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { tlsServerName: `${f.network.vpc.id} bad name` }),
    );
    expect(error.codes).toEqual(['InvalidServerName']);
  });

  test('request and response parameters and a timeout', () => {
    const f = fixture();
    albIntegration(f, {
      requestParameters: {
        'append:header.x-caller': '$context.identity.sourceIp',
        'remove:querystring.debug': "''",
      },
      responseParameters: {
        '404': { 'overwrite:statuscode': '410' },
        '200': { 'append:header.x-served-by': 'orders' },
      },
      timeoutMillis: 10000,
    });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      request_parameters: {
        'append:header.x-caller': '$context.identity.sourceIp',
        'remove:querystring.debug': "''",
      },
      response_parameters: [
        { status_code: '200', mappings: { 'append:header.x-served-by': 'orders' } },
        { status_code: '404', mappings: { 'overwrite:statuscode': '410' } },
      ],
      timeout_milliseconds: 10000,
    });
  });

  test('stripStagePath overwrites the path with $request.path', () => {
    const f = fixture();
    albIntegration(f, { stripStagePath: true });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      request_parameters: { 'overwrite:path': '$request.path' },
    });
  });

  test('a Lambda proxy integration defaults to POST and may use payload 2.0', () => {
    const f = fixture();
    f.api.addIntegration('fn', {
      integrationType: 'AWS_PROXY',
      integrationUri: 'arn:aws:lambda:us-east-1:111111111111:function:orders',
      payloadFormatVersion: '2.0',
    });
    expect(Testing.synth(f.stack)).toHaveResourceWithProperties(Apigatewayv2Integration, {
      integration_type: 'AWS_PROXY',
      connection_type: 'INTERNET',
      integration_method: 'POST',
      payload_format_version: '2.0',
    });
  });

  test('fails when the timeout is outside 50-30000', () => {
    const f = fixture();
    const error = validationErrorOf(() => albIntegration(f, { timeoutMillis: 45000 }));
    expect(error.codes).toEqual(['InvalidTimeout']);
    expect(error.message).toMatch(
      /InvalidTimeout: props\.timeoutMillis must be 50-30000 milliseconds for HTTP APIs, got 45000/,
    );
  });

  test('fails when the payload format is 2.0 on a private integration', () => {
    const f = fixture();
    const error = validationErrorOf(() => albIntegration(f, { payloadFormatVersion: '2.0' }));
    expect(error.codes).toEqual(['UnsupportedPayloadFormat']);
    expect(error.message).toMatch(
      /props\.payloadFormatVersion must be '1\.0' for a private \(VPC_LINK\) integration, got "2\.0"/,
    );
  });

  test('fails when connection type VPC_LINK has no link', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      f.api.addIntegration('x', {
        integrationType: 'HTTP_PROXY',
        connectionType: 'VPC_LINK',
        integrationUri: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/a/1/2',
      }),
    );
    expect(error.codes).toEqual(['VpcLinkMissing']);
    expect(error.message).toMatch(
      /VpcLinkMissing: props\.vpcLink is required when connectionType is VPC_LINK.*got nothing/,
    );
  });

  test('fails when an integration subtype is set on a non-AWS_PROXY integration', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      f.api.addIntegration('x', {
        integrationType: 'HTTP_PROXY',
        integrationUri: 'https://example.com',
        integrationSubtype: 'SQS-SendMessage',
      }),
    );
    expect(error.codes).toEqual(['SubtypeWithoutAwsProxy']);
    expect(error.message).toMatch(
      /props\.integrationSubtype is only allowed on AWS_PROXY integrations, not HTTP_PROXY, got "SQS-SendMessage"/,
    );
  });

  test('fails when a request parameter key has the wrong form', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { requestParameters: { 'replace:header.x': 'v' } }),
    );
    expect(error.codes).toEqual(['InvalidRequestParameter']);
    expect(error.message).toMatch(
      /props\.requestParameters\["replace:header\.x"\] must be append\|overwrite\|remove:header\.<name>.*got "replace:header\.x"/,
    );
  });

  test('fails when a response parameter status code is outside 200-599', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { responseParameters: { '199': { 'overwrite:statuscode': '200' } } }),
    );
    expect(error.codes).toEqual(['InvalidResponseStatus']);
    expect(error.message).toMatch(
      /props\.responseParameters must be keyed by an HTTP status code 200-599, got "199"/,
    );
  });

  test('fails when a response parameter key has the wrong form', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { responseParameters: { '500': { 'overwrite:body': 'x' } } }),
    );
    expect(error.codes).toEqual(['InvalidResponseParameter']);
    expect(error.message).toContain('got "overwrite:body"');
  });

  test('fails when stripStagePath and an overwrite:path mapping are both given', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, {
        stripStagePath: true,
        requestParameters: { 'overwrite:path': '/fixed' },
      }),
    );
    expect(error.codes).toEqual(['ConflictingPathMapping']);
    expect(error.message).toContain('got "/fixed"');
  });

  test('fails when the Cloud Map target registers A records', () => {
    const f = fixture();
    const imported = {
      arn: 'arn:aws:servicediscovery:us-east-1:111111111111:service/srv-abc',
      dnsRecordType: 'A',
    };
    const error = validationErrorOf(() =>
      f.api.addPrivateIntegration('cm', {
        vpcLink: f.link,
        target: IntegrationTarget.cloudMap(imported),
      }),
    );
    expect(error.codes).toEqual(['CloudMapRequiresSrv']);
    expect(error.message).toMatch(/service\.dnsRecordType must be SRV.*got "A"/);
  });

  test('reports every problem at once', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      albIntegration(f, { timeoutMillis: 10, payloadFormatVersion: '2.0' }),
    );
    expect(error.codes).toEqual(['UnsupportedPayloadFormat', 'InvalidTimeout']);
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
