// Runs the real offline `terraform plan` of apps/ecs-private (every variant, TLS to the
// backends switched on) and asserts on plan.json.
import { checkPlanFile, errorsOf } from '@apigw-private/tools/guardrails';
import {
  PLAN_TIMEOUT_MS,
  ResourceChange,
  TerraformPlan,
  after,
  configOf,
  onlyResourceOf,
  planApp,
  planFileOfPlan,
  referencesOf,
  resourcesOf,
  terraformWarningsOf,
} from '@apigw-private/tools/testing/plan';

const STACKS = ['http-alb', 'http-cloudmap', 'http-nlb', 'rest-nlb', 'rest-nlb-alb'];
const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';
const HOST = 'orders.internal.example.com';
const TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

let plans: Record<string, TerraformPlan>;

beforeAll(async () => {
  process.env.APIGW__loadBalancers__certificateArn = CERT;
  process.env.APIGW__loadBalancers__backendHostname = HOST;
  plans = await planApp('ecs-private');
}, PLAN_TIMEOUT_MS);

afterAll(() => {
  delete process.env.APIGW__loadBalancers__certificateArn;
  delete process.env.APIGW__loadBalancers__backendHostname;
});

function expression(
  plan: TerraformPlan,
  resource: ResourceChange,
  key: string,
): { constant_value?: unknown; references?: string[] } {
  return configOf(plan, resource.address)[key] as {
    constant_value?: unknown;
    references?: string[];
  };
}

function loadBalancer(plan: TerraformPlan, type: 'network' | 'application'): ResourceChange {
  const found = resourcesOf(plan, 'aws_lb').filter(
    (lb) => after(lb, 'load_balancer_type') === type,
  );
  expect(found).toHaveLength(1);
  return found[0];
}

function listenerOf(plan: TerraformPlan, lb: ResourceChange): ResourceChange {
  const found = resourcesOf(plan, 'aws_lb_listener').filter((l) =>
    referencesOf(configOf(plan, l.address).load_balancer_arn).includes(`${lb.address}.arn`),
  );
  expect(found).toHaveLength(1);
  return found[0];
}

function ingressInto(plan: TerraformPlan, groupAddress: string): ResourceChange[] {
  return resourcesOf(plan, 'aws_vpc_security_group_ingress_rule').filter((rule) =>
    referencesOf(configOf(plan, rule.address).security_group_id).includes(`${groupAddress}.id`),
  );
}

function groupOf(plan: TerraformPlan, resource: ResourceChange, key: string): string {
  const refs = referencesOf(configOf(plan, resource.address)[key]).filter(
    (r) => r.startsWith('aws_security_group.') && !r.endsWith('.id'),
  );
  expect(refs).toHaveLength(1);
  return refs[0];
}

function ecsGroup(plan: TerraformPlan): string {
  const service = onlyResourceOf(plan, 'aws_ecs_service');
  const network = configOf(plan, service.address).network_configuration as {
    security_groups: unknown;
  }[];
  const refs = referencesOf(network[0].security_groups).filter((r) => !r.endsWith('.id'));
  expect(refs).toHaveLength(1);
  return refs[0];
}

describe('apps/ecs-private plan', () => {
  test('plans all five variants', () => {
    expect(Object.keys(plans).sort()).toEqual(STACKS);
  });

  test.each(STACKS)('%s: no guardrail error', async (stack) => {
    const report = await checkPlanFile(planFileOfPlan(plans[stack]));
    expect(errorsOf(report)).toEqual([]);
  });

  test('only rest-nlb sets the account-wide ECR pull-through rule; apps/account-settings owns the API Gateway CloudWatch role', () => {
    for (const stack of STACKS) {
      const owner = stack === 'rest-nlb' ? 1 : 0;
      expect(resourcesOf(plans[stack], 'aws_api_gateway_account')).toHaveLength(0);
      expect(resourcesOf(plans[stack], 'aws_ecr_pull_through_cache_rule')).toHaveLength(owner);
    }
  });

  describe.each(['rest-nlb', 'rest-nlb-alb'])(
    '%s (REST API through a VPC link to an NLB)',
    (stack) => {
      test('the REST API is PRIVATE and its VPC link targets the internal NLB', () => {
        const plan = plans[stack];
        expect(
          after<{ types: string[] }[]>(
            onlyResourceOf(plan, 'aws_api_gateway_rest_api'),
            'endpoint_configuration',
          )[0].types,
        ).toEqual(['PRIVATE']);
        const nlb = loadBalancer(plan, 'network');
        const link = onlyResourceOf(plan, 'aws_api_gateway_vpc_link');
        expect(referencesOf(configOf(plan, link.address).target_arns)).toContain(
          `${nlb.address}.arn`,
        );
        expect(after(nlb, 'internal')).toBe(true);
        expect(after(nlb, 'enable_cross_zone_load_balancing')).toBe(true);
        expect(after(nlb, 'enable_deletion_protection')).toBe(true);
        expect(after<{ enabled: boolean }[]>(nlb, 'access_logs')[0].enabled).toBe(true);
        expect(after(nlb, 'enforce_security_group_inbound_rules_on_private_link_traffic')).toBe(
          'off',
        );
      });

      test('ANY / and ANY /{proxy+}: HTTP_PROXY over VPC_LINK with TLS to the backend and the proxy path mapped', () => {
        const plan = plans[stack];
        const link = onlyResourceOf(plan, 'aws_api_gateway_vpc_link');
        const integrations = resourcesOf(plan, 'aws_api_gateway_integration');
        expect(integrations).toHaveLength(2);
        for (const integration of integrations) {
          expect(after(integration, 'type')).toBe('HTTP_PROXY');
          expect(after(integration, 'connection_type')).toBe('VPC_LINK');
          expect(after(integration, 'integration_http_method')).toBe('ANY');
          expect(referencesOf(configOf(plan, integration.address).connection_id)).toContain(
            `${link.address}.id`,
          );
          expect(after(integration, 'tls_config')).toEqual([{ insecure_skip_verification: false }]);
          expect(after(integration, 'timeout_milliseconds')).toBe(29000);
          expect(after<Record<string, string>>(integration, 'request_parameters')).toEqual(
            expect.objectContaining({
              'integration.request.header.x-request-id': 'context.requestId',
            }),
          );
        }
        expect(integrations.map((i) => after(i, 'uri')).sort()).toEqual([
          `https://${HOST}:443/`,
          `https://${HOST}:443/{proxy}`,
        ]);
        const proxy = integrations.find((i) => String(after(i, 'uri')).endsWith('{proxy}'))!;
        expect(
          after<Record<string, string>>(proxy, 'request_parameters')[
            'integration.request.path.proxy'
          ],
        ).toBe('method.request.path.proxy');
        const methods = resourcesOf(plan, 'aws_api_gateway_method');
        expect(methods.map((m) => after(m, 'authorization'))).toEqual(['AWS_IAM', 'AWS_IAM']);
        expect(
          methods.some(
            (m) =>
              after<Record<string, boolean>>(m, 'request_parameters')?.[
                'method.request.path.proxy'
              ] === true,
          ),
        ).toBe(true);
      });
    },
  );

  test('rest-nlb: a TLS listener with the TLS 1.3/1.2 policy and an IP target group for the tasks, which admit only the NLB', () => {
    const plan = plans['rest-nlb'];
    const nlb = loadBalancer(plan, 'network');
    const listener = listenerOf(plan, nlb);
    expect(after(listener, 'protocol')).toBe('TLS');
    expect(after(listener, 'ssl_policy')).toBe(TLS_POLICY);
    expect(after(listener, 'certificate_arn')).toBe(CERT);
    const group = onlyResourceOf(plan, 'aws_lb_target_group');
    expect(after(group, 'target_type')).toBe('ip');
    expect(after<{ enabled: boolean }[]>(group, 'health_check')[0].enabled).toBe(true);
    const rules = ingressInto(plan, ecsGroup(plan));
    expect(rules).toHaveLength(1);
    expect(referencesOf(configOf(plan, rules[0].address).referenced_security_group_id)).toContain(
      `${groupOf(plan, nlb, 'security_groups')}.id`,
    );
  });

  test('rest-nlb-alb: a TCP listener forwards to a target group of type alb holding the HTTPS ALB, which alone reaches the tasks', () => {
    const plan = plans['rest-nlb-alb'];
    const nlb = loadBalancer(plan, 'network');
    const alb = loadBalancer(plan, 'application');
    const nlbListener = listenerOf(plan, nlb);
    expect(after(nlbListener, 'protocol')).toBe('TCP');
    expect(after(nlbListener, 'port')).toBe(443);
    const albListener = listenerOf(plan, alb);
    expect(after(albListener, 'protocol')).toBe('HTTPS');
    expect(after(albListener, 'ssl_policy')).toBe(TLS_POLICY);
    const types = resourcesOf(plan, 'aws_lb_target_group')
      .map((g) => after(g, 'target_type'))
      .sort();
    expect(types).toEqual(['alb', 'ip']);
    const attachment = onlyResourceOf(plan, 'aws_lb_target_group_attachment');
    expect(referencesOf(configOf(plan, attachment.address).target_id)).toContain(
      `${alb.address}.arn`,
    );
    const rules = ingressInto(plan, ecsGroup(plan));
    expect(rules).toHaveLength(1);
    expect(referencesOf(configOf(plan, rules[0].address).referenced_security_group_id)).toContain(
      `${groupOf(plan, alb, 'security_groups')}.id`,
    );
  });

  describe.each(['http-alb', 'http-nlb', 'http-cloudmap'])(
    '%s (HTTP API through a VPC link v2)',
    (stack) => {
      test('the private integration: HTTP_PROXY, VPC_LINK to the link, payload 1.0, method ANY, parameters, timeout', () => {
        const plan = plans[stack];
        const link = onlyResourceOf(plan, 'aws_apigatewayv2_vpc_link');
        const integration = onlyResourceOf(plan, 'aws_apigatewayv2_integration');
        expect(after(integration, 'integration_type')).toBe('HTTP_PROXY');
        expect(after(integration, 'connection_type')).toBe('VPC_LINK');
        expect(referencesOf(expression(plan, integration, 'connection_id'))).toContain(
          `${link.address}.id`,
        );
        expect(after(integration, 'payload_format_version')).toBe('1.0');
        expect(after(integration, 'integration_method')).toBe('ANY');
        expect(after(integration, 'timeout_milliseconds')).toBe(29000);
        expect(after(integration, 'request_parameters')).toEqual({
          'append:header.x-request-id': '$context.requestId',
          'overwrite:header.x-caller': '$context.authorizer.claims.sub',
          'overwrite:path': '$request.path',
        });
        expect(after(integration, 'response_parameters')).toEqual([
          { status_code: '200', mappings: { 'append:header.x-private-integration': stack } },
        ]);
      });

      test('routes ANY / and ANY /{proxy+} require the JWT authorizer; the stage logs, throttles and auto-deploys', () => {
        const plan = plans[stack];
        const authorizer = onlyResourceOf(plan, 'aws_apigatewayv2_authorizer');
        expect(after(authorizer, 'authorizer_type')).toBe('JWT');
        expect(
          after<{ issuer: string; audience: string[] }[]>(authorizer, 'jwt_configuration')[0]
            .issuer,
        ).toMatch(/^https:\/\//);
        const routes = resourcesOf(plan, 'aws_apigatewayv2_route');
        expect(routes.map((r) => after(r, 'route_key')).sort()).toEqual(['ANY /', 'ANY /{proxy+}']);
        for (const route of routes) {
          expect(after(route, 'authorization_type')).toBe('JWT');
          expect(referencesOf(configOf(plan, route.address).authorizer_id)).toContain(
            `${authorizer.address}.id`,
          );
        }
        const stage = onlyResourceOf(plan, 'aws_apigatewayv2_stage');
        expect(after(stage, 'name')).toBe('v1');
        expect(after(stage, 'auto_deploy')).toBe(true);
        expect(
          referencesOf(
            (configOf(plan, stage.address).access_log_settings as { destination_arn: unknown }[])[0]
              .destination_arn,
          ).some((r) => r.startsWith('aws_cloudwatch_log_group.')),
        ).toBe(true);
        expect(
          after<{ throttling_rate_limit: number; throttling_burst_limit: number }[]>(
            stage,
            'default_route_settings',
          )[0],
        ).toEqual(
          expect.objectContaining({ throttling_rate_limit: 100, throttling_burst_limit: 50 }),
        );
      });
    },
  );

  test('http-alb: the integration targets the HTTPS ALB listener and verifies its certificate name', () => {
    const plan = plans['http-alb'];
    const listener = listenerOf(plan, loadBalancer(plan, 'application'));
    expect(after(listener, 'protocol')).toBe('HTTPS');
    expect(after(listener, 'ssl_policy')).toBe(TLS_POLICY);
    const integration = onlyResourceOf(plan, 'aws_apigatewayv2_integration');
    expect(referencesOf(expression(plan, integration, 'integration_uri'))).toContain(
      `${listener.address}.arn`,
    );
    expect(after(integration, 'tls_config')).toEqual([{ server_name_to_verify: HOST }]);
    expect(after(onlyResourceOf(plan, 'aws_lb_target_group'), 'target_type')).toBe('ip');
  });

  test('http-nlb: the integration targets the TLS NLB listener; the NLB admits only the VPC link group', () => {
    const plan = plans['http-nlb'];
    const nlb = loadBalancer(plan, 'network');
    const listener = listenerOf(plan, nlb);
    expect(after(listener, 'protocol')).toBe('TLS');
    expect(after(listener, 'ssl_policy')).toBe(TLS_POLICY);
    const integration = onlyResourceOf(plan, 'aws_apigatewayv2_integration');
    expect(referencesOf(expression(plan, integration, 'integration_uri'))).toContain(
      `${listener.address}.arn`,
    );
    expect(after(integration, 'tls_config')).toEqual([{ server_name_to_verify: HOST }]);
    const link = onlyResourceOf(plan, 'aws_apigatewayv2_vpc_link');
    const rules = ingressInto(plan, groupOf(plan, nlb, 'security_groups'));
    expect(rules).toHaveLength(1);
    expect(referencesOf(configOf(plan, rules[0].address).referenced_security_group_id)).toContain(
      `${groupOf(plan, link, 'security_group_ids')}.id`,
    );
  });

  test('http-cloudmap: the integration URI is the Cloud Map service ARN with query filters; SRV records registered by ECS', () => {
    const plan = plans['http-cloudmap'];
    const discovery = onlyResourceOf(plan, 'aws_service_discovery_service');
    expect(
      after<{ dns_records: { type: string }[]; routing_policy: string }[]>(
        discovery,
        'dns_config',
      )[0],
    ).toEqual(
      expect.objectContaining({
        dns_records: [{ ttl: 10, type: 'SRV' }],
        routing_policy: 'MULTIVALUE',
      }),
    );
    const integration = onlyResourceOf(plan, 'aws_apigatewayv2_integration');
    const uri = expression(plan, integration, 'integration_uri');
    expect(uri.references).toContain(`${discovery.address}.arn`);
    expect(String(uri.constant_value)).toMatch(/\.arn\}\?ECS_SERVICE_NAME=http-cloudmap$/);
    expect(after(integration, 'tls_config')).toEqual([]);
    const service = onlyResourceOf(plan, 'aws_ecs_service');
    const registries = configOf(plan, service.address).service_registries as {
      registry_arn: unknown;
    }[];
    expect(referencesOf(registries[0].registry_arn)).toContain(`${discovery.address}.arn`);
    const link = onlyResourceOf(plan, 'aws_apigatewayv2_vpc_link');
    const rules = ingressInto(plan, ecsGroup(plan));
    expect(rules).toHaveLength(1);
    expect(referencesOf(configOf(plan, rules[0].address).referenced_security_group_id)).toContain(
      `${groupOf(plan, link, 'security_group_ids')}.id`,
    );
  });

  test.each(STACKS)(
    '%s: Fargate with Container Insights, no public IP, read-only root, not privileged, awslogs',
    (stack) => {
      const plan = plans[stack];
      expect(after(onlyResourceOf(plan, 'aws_ecs_cluster'), 'setting')).toEqual([
        { name: 'containerInsights', value: 'enabled' },
      ]);
      const service = onlyResourceOf(plan, 'aws_ecs_service');
      expect(
        after<{ assign_public_ip: boolean }[]>(service, 'network_configuration')[0]
          .assign_public_ip,
      ).toBe(false);
      const task = onlyResourceOf(plan, 'aws_ecs_task_definition');
      const [container] = JSON.parse(after<string>(task, 'container_definitions'));
      expect(container).toEqual(
        expect.objectContaining({ readonlyRootFilesystem: true, privileged: false }),
      );
      expect(container.logConfiguration.logDriver).toBe('awslogs');
      expect(container.image).toBe(
        '111111111111.dkr.ecr.us-east-1.amazonaws.com/ecr-public/nginx/nginx:stable',
      );
      const roles = [
        expression(plan, task, 'execution_role_arn'),
        expression(plan, task, 'task_role_arn'),
      ].map((e) => e.references?.[1]);
      expect(new Set(roles).size).toBe(2);
      const endpoints = resourcesOf(plan, 'aws_vpc_endpoint').map((e) =>
        String(after(e, 'service_name')).split('.').slice(3).join('.'),
      );
      expect(endpoints).toEqual(expect.arrayContaining(['ecr.api', 'ecr.dkr', 'logs', 's3']));
    },
  );
});

describe('apps/ecs-private Terraform warnings', () => {
  test('every stack plans with zero Terraform warnings (deprecated arguments and the like)', () => {
    expect(terraformWarningsOf(plans)).toEqual({});
  });
});
