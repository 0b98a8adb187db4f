// Synth-only checks of the default configuration (no certificate): what the plan test, which
// switches TLS on, does not see.
import { Testing } from 'cdktf';
import { parseConfig } from '@apigw-private/constructs/config/load';
import { STACK_IDS, VARIANTS, Variant, ecsPrivateConfigSchema } from '../src/config';
import { VARIANT_STACKS } from '../src/stack';

type Resources = Record<string, Record<string, Record<string, unknown>>>;

function synth(variant: Variant, input: unknown = {}): Resources {
  const config = parseConfig('ecs-private config', ecsPrivateConfigSchema, input);
  const stack = new VARIANT_STACKS[variant](Testing.app(), {
    config,
    mode: 'offline',
    ownsAccountSingletons: variant === 'restNlb',
  });
  expect(stack.node.id).toBe(STACK_IDS[variant]);
  return JSON.parse(Testing.synth(stack, true)).resource as Resources;
}

function values(resources: Resources, type: string): Record<string, unknown>[] {
  return Object.values(resources[type] ?? {});
}

describe('ecs-private variant stacks with the default config', () => {
  test.each(VARIANTS)(
    '%s: listeners are TCP 80 / HTTP 80 inside the VPC and no TLS is configured',
    (variant) => {
      const resources = synth(variant);
      for (const listener of values(resources, 'aws_lb_listener')) {
        expect(['TCP', 'HTTP']).toContain(listener.protocol);
        expect(listener.port).toBe(80);
        expect(listener.ssl_policy).toBeUndefined();
      }
      for (const integration of [
        ...values(resources, 'aws_apigatewayv2_integration'),
        ...values(resources, 'aws_api_gateway_integration'),
      ]) {
        expect(integration.tls_config).toBeUndefined();
      }
    },
  );

  test('rest-nlb: the integration URI is the NLB DNS name on port 80', () => {
    const uris = values(synth('restNlb'), 'aws_api_gateway_integration').map((i) => String(i.uri));
    expect(uris.sort()).toEqual([
      expect.stringMatching(/^http:\/\/\$\{aws_lb\.nlb_resource_\w+\.dns_name\}:80\/$/),
      expect.stringMatching(/^http:\/\/\$\{aws_lb\.nlb_resource_\w+\.dns_name\}:80\/\{proxy\}$/),
    ]);
  });

  test('http-alb with IAM authorization: routes use AWS_IAM and no authorizer is created', () => {
    const resources = synth('httpAlb', { http: { authorization: 'AWS_IAM' } });
    expect(values(resources, 'aws_apigatewayv2_route').map((r) => r.authorization_type)).toEqual([
      'AWS_IAM',
      'AWS_IAM',
    ]);
    expect(resources.aws_apigatewayv2_authorizer).toBeUndefined();
  });

  test('without VPC endpoints or the pull-through cache the image is used as given', () => {
    const resources = synth('httpNlb', {
      ecsEndpoints: false,
      container: { pullThroughCache: false },
    });
    expect(resources.aws_vpc_endpoint).toBeUndefined();
    const task = values(resources, 'aws_ecs_task_definition')[0];
    expect(JSON.parse(String(task.container_definitions))[0].image).toBe(
      'public.ecr.aws/nginx/nginx:stable',
    );
  });
});
