import { ApiGatewayVpcLink } from '@cdktf/provider-aws/lib/api-gateway-vpc-link';
import { Testing } from 'cdktf';
import { AccessLogsBucket } from '../src/load-balancing/access-logs-bucket';
import { InternalAlb } from '../src/load-balancing/internal-alb';
import { INetworkLoadBalancer, InternalNlb } from '../src/load-balancing/internal-nlb';
import { ExecuteApiEndpoint } from '../src/endpoints/execute-api-endpoint';
import { addPrivateProxy, restPrivateIntegration } from '../src/rest/private-integration';
import { PrivateRestApi } from '../src/rest/private-rest-api';
import { ResourcePolicy } from '../src/rest/resource-policy';
import { RestVpcLink } from '../src/rest/vpc-link';
import { ApiGatewayIntegration } from '@cdktf/provider-aws/lib/api-gateway-integration';
import { ApiGatewayMethod } from '@cdktf/provider-aws/lib/api-gateway-method';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

function fixture() {
  const stack = testStack();
  const network = testNetwork(stack);
  const logs = new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
  const nlb = new InternalNlb(stack, 'nlb', {
    name: 'orders',
    network,
    accessLogs: logs,
    privateLinkInboundRules: false,
  });
  return { stack, network, logs, nlb };
}

describe('RestVpcLink', () => {
  test('a VPC link whose target is the NLB', () => {
    const { stack, nlb } = fixture();
    new RestVpcLink(stack, 'link', { name: 'orders', targets: [nlb] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ApiGatewayVpcLink, {
      name: 'orders',
      target_arns: [expect.stringMatching(/^\$\{aws_lb\.nlb_resource_\w+\.arn\}$/)],
    });
  });

  test('targets added after construction are included', () => {
    const { stack, nlb } = fixture();
    const link = new RestVpcLink(stack, 'link', { name: 'orders' });
    link.addTargets(
      nlb,
      InternalNlb.fromArn(
        'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/legacy/0123456789abcdef',
      ),
    );
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ApiGatewayVpcLink, {
      target_arns: [
        expect.stringContaining('aws_lb.nlb_resource_'),
        'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/legacy/0123456789abcdef',
      ],
    });
  });

  test('fails when a target is an Application Load Balancer', () => {
    const { stack, network, logs } = fixture();
    const alb = new InternalAlb(stack, 'alb', { name: 'web', network, accessLogs: logs });
    const error = validationErrorOf(
      () =>
        new RestVpcLink(stack, 'link', {
          name: 'orders',
          targets: [alb as unknown as INetworkLoadBalancer],
        }),
    );
    expect(error.codes).toEqual(['VpcLinkTargetNotNlb']);
    expect(error.message).toMatch(
      /VpcLinkTargetNotNlb: props\.targets\[0\] must be a Network Load Balancer.*got "application load balancer"/,
    );
  });

  test('fails when a literal target ARN is not an NLB', () => {
    const { stack } = fixture();
    const arn =
      'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/0123456789abcdef';
    const error = validationErrorOf(
      () =>
        new RestVpcLink(stack, 'link', {
          name: 'orders',
          targets: [{ arn, loadBalancerType: 'network' }],
        }),
    );
    expect(error.codes).toEqual(['VpcLinkTargetNotNlb']);
    expect(error.message).toContain(`got "${arn}"`);
  });

  test('fails at synth when the link has no target', () => {
    const { stack } = fixture();
    new RestVpcLink(stack, 'link', { name: 'orders' });
    expect(() => Testing.synth(stack, true)).toThrow(/NoTargets: RestVpcLink .*link has no target/);
  });
});

function apiFixture() {
  const f = fixture();
  const link = new RestVpcLink(f.stack, 'link', { name: 'orders', targets: [f.nlb] });
  const endpoint = new ExecuteApiEndpoint(f.stack, 'endpoint', {
    network: f.network,
    clientCidrs: ['10.0.0.0/16'],
  });
  const api = new PrivateRestApi(f.stack, 'api', {
    name: 'orders',
    endpoints: [endpoint],
    policy: ResourcePolicy.fromEndpoints([endpoint]),
    stage: { accessLogRetentionDays: 30, throttleRateLimit: 10, throttleBurstLimit: 5 },
  });
  return { ...f, link, api };
}

describe('addPrivateProxy', () => {
  test('ANY / and ANY /{proxy+} as HTTP_PROXY over the VPC link, with the proxy path mapped', () => {
    const f = apiFixture();
    addPrivateProxy(f.api, { vpcLink: f.link, loadBalancer: f.nlb, port: 80 });
    const synthesized = Testing.synth(f.stack);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, {
      type: 'HTTP_PROXY',
      integration_http_method: 'ANY',
      connection_type: 'VPC_LINK',
      connection_id: expect.stringContaining('aws_api_gateway_vpc_link.link_resource'),
      uri: expect.stringMatching(
        /^http:\/\/\$\{aws_lb\.nlb_resource_\w+\.dns_name\}:80\/\{proxy\}$/,
      ),
      request_parameters: { 'integration.request.path.proxy': 'method.request.path.proxy' },
      timeout_milliseconds: 29000,
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, {
      http_method: 'ANY',
      authorization: 'AWS_IAM',
      request_parameters: { 'method.request.path.proxy': true },
    });
    const integrations = Object.values(synthObject(f.stack).resource.aws_api_gateway_integration);
    expect(integrations.map((i) => String(i.uri).replace(/\$\{[^}]+\}/, 'NLB')).sort()).toEqual([
      'http://NLB:80/',
      'http://NLB:80/{proxy}',
    ]);
  });

  test('header mappings are declared on the method and sent to the backend', () => {
    const f = apiFixture();
    addPrivateProxy(f.api, {
      vpcLink: f.link,
      loadBalancer: f.nlb,
      port: 80,
      headers: {
        'x-request-id': 'context.requestId',
        'x-tenant': 'method.request.header.x-tenant',
        'x-source': "'private-api'",
      },
    });
    const synthesized = Testing.synth(f.stack);
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayIntegration, {
      request_parameters: {
        'integration.request.path.proxy': 'method.request.path.proxy',
        'integration.request.header.x-request-id': 'context.requestId',
        'integration.request.header.x-tenant': 'method.request.header.x-tenant',
        'integration.request.header.x-source': "'private-api'",
      },
    });
    expect(synthesized).toHaveResourceWithProperties(ApiGatewayMethod, {
      request_parameters: {
        'method.request.path.proxy': true,
        'method.request.header.x-tenant': false,
      },
    });
  });

  test('TLS to the backend: https URI on the certificate name and tls_config', () => {
    const f = apiFixture();
    const spec = restPrivateIntegration(
      {
        vpcLink: f.link,
        loadBalancer: f.nlb,
        port: 443,
        tls: { hostname: 'orders.internal.example.com' },
      },
      '/{proxy}',
    );
    expect(spec.uri).toBe('https://orders.internal.example.com:443/{proxy}');
    expect(spec.tlsConfig).toEqual({ insecureSkipVerification: false });
  });

  test('fails when the timeout is outside 50-29000', () => {
    const f = apiFixture();
    const error = validationErrorOf(() =>
      restPrivateIntegration({
        vpcLink: f.link,
        loadBalancer: f.nlb,
        port: 80,
        timeoutMillis: 30000,
      }),
    );
    expect(error.codes).toEqual(['InvalidTimeout']);
    expect(error.message).toMatch(
      /options\.timeoutMillis must be 50-29000 milliseconds for REST APIs, got 30000/,
    );
  });

  test('fails when a header mapping source has the wrong form', () => {
    const f = apiFixture();
    const error = validationErrorOf(() =>
      restPrivateIntegration({
        vpcLink: f.link,
        loadBalancer: f.nlb,
        port: 80,
        headers: { 'x-id': 'request.header.x-id' },
      }),
    );
    expect(error.codes).toEqual(['InvalidParameterMapping']);
    expect(error.message).toMatch(
      /options\.headers\.x-id must be method\.request.*got "request\.header\.x-id"/,
    );
  });
});
