// Runs the real offline `terraform plan` of every apps/cross-account stack and asserts the key
// facts of each variant on plan.json.
import { checkPlanFile, errorsOf } from '@apigw-private/tools/guardrails';
import {
  PLAN_TIMEOUT_MS,
  ResourceChange,
  TerraformPlan,
  after,
  dataSourcesOf,
  onlyResourceOf,
  planApp,
  planFileOfPlan,
  resourcesOf,
  terraformWarningsOf,
} from '@apigw-private/tools/testing/plan';
import {
  Expression,
  Statement,
  config,
  dependsOn,
  executeApiEndpoints,
  expectPolicyAllowsOnly,
  expression,
  firstCondition,
  ingressOf,
  instancesOf,
  policyStatements,
  privateApiOf,
  providerOf,
  referencing,
  refs,
} from './plan-helpers';

const STACK_IDS = [
  'cross-account-endpoint',
  'cross-account-lambda',
  'front-door-http',
  'front-door-peering',
  'front-door-tgw',
  'privatelink',
];
const FRONT_DOORS = ['front-door-tgw', 'front-door-peering', 'front-door-http'];

let plans: Record<string, TerraformPlan>;

beforeAll(async () => {
  plans = await planApp('cross-account');
}, PLAN_TIMEOUT_MS);

describe('apps/cross-account plan', () => {
  test('plans one stack per variant', () => {
    expect(Object.keys(plans).sort()).toEqual(STACK_IDS);
  });

  test.each(STACK_IDS)('%s: no guardrail finding at error level', async (stack) => {
    expect(errorsOf(await checkPlanFile(planFileOfPlan(plans[stack])))).toEqual([]);
  });

  test.each([
    ['front-door-tgw', ['aws', 'aws.b']],
    ['front-door-peering', ['aws', 'aws.b']],
    ['front-door-http', ['aws', 'aws.b']],
    ['cross-account-endpoint', ['aws', 'aws.b']],
    ['privatelink', ['aws', 'aws.serviceA', 'aws.serviceB']],
    ['cross-account-lambda', ['aws', 'aws.lambda']],
  ])('%s: one provider configuration per account', (stack, aliases) => {
    const providers = (
      plans[stack].configuration as unknown as {
        provider_config: Record<string, { alias?: string }>;
      }
    ).provider_config;
    expect(Object.keys(providers).sort()).toEqual(aliases);
  });
});

describe.each(FRONT_DOORS)('%s (variant 1)', (stack) => {
  test("the private API lives in account B and its policy allows only B's execute-api endpoint", () => {
    const plan = plans[stack];
    const [endpoint] = executeApiEndpoints(plan);
    expect(executeApiEndpoints(plan)).toHaveLength(1);
    expect(providerOf(plan, endpoint)).toBe('aws.b');
    expect(providerOf(plan, privateApiOf(plan))).toBe('aws.b');
    expectPolicyAllowsOnly(plan, endpoint);
  });

  test("the endpoint admits 443 only from account A's CIDR", () => {
    const plan = plans[stack];
    const [endpoint] = executeApiEndpoints(plan);
    const ingress = ingressOf(plan, endpoint);
    expect(
      ingress.map((r) => [after(r, 'from_port'), after(r, 'to_port'), after(r, 'cidr_ipv4')]),
    ).toEqual([[443, 443, '10.1.0.0/16']]);
  });

  test('the NLB in account A targets the endpoint addresses on 443 with availability zone "all"', () => {
    const plan = plans[stack];
    const nlb = onlyResourceOf(plan, 'aws_lb');
    expect(providerOf(plan, nlb)).toBe('aws');
    expect(after(nlb, 'internal')).toBe(true);
    const attachments = resourcesOf(plan, 'aws_lb_target_group_attachment');
    expect(attachments).toHaveLength(2);
    const enis = dataSourcesOf(plan, 'aws_network_interface');
    expect(enis).toHaveLength(2);
    for (const eni of enis) expect(providerOf(plan, eni)).toBe('aws.b');
    for (const attachment of attachments) {
      expect(after(attachment, 'port')).toBe(443);
      expect(after(attachment, 'availability_zone')).toBe('all');
      expect(refs(plan, attachment.address, 'target_id')[0]).toMatch(
        /^data\.aws_network_interface\..*\.private_ip$/,
      );
    }
    const listener = onlyResourceOf(plan, 'aws_lb_listener');
    expect([after(listener, 'port'), after(listener, 'protocol')]).toEqual([443, 'TCP']);
  });

  test('the two VPCs do not overlap and route to each other in both accounts', () => {
    const plan = plans[stack];
    const routes = resourcesOf(plan, 'aws_route');
    const toB = routes.filter((r) => after(r, 'destination_cidr_block') === '10.2.0.0/16');
    const toA = routes.filter((r) => after(r, 'destination_cidr_block') === '10.1.0.0/16');
    expect(toB).toHaveLength(2);
    expect(toA).toHaveLength(2);
    for (const route of toB) expect(providerOf(plan, route)).toBe('aws');
    for (const route of toA) expect(providerOf(plan, route)).toBe('aws.b');
  });
});

describe('front-door-tgw and front-door-http (Transit Gateway)', () => {
  test.each(['front-door-tgw', 'front-door-http'])(
    '%s: auto-accept off, shared through RAM, accepted explicitly by the owner',
    (stack) => {
      const plan = plans[stack];
      const tgw = onlyResourceOf(plan, 'aws_ec2_transit_gateway');
      expect(after(tgw, 'auto_accept_shared_attachments')).toBe('disable');
      expect(providerOf(plan, tgw)).toBe('aws');
      expect(after(onlyResourceOf(plan, 'aws_ram_principal_association'), 'principal')).toBe(
        '222222222222',
      );
      const attachments = resourcesOf(plan, 'aws_ec2_transit_gateway_vpc_attachment');
      expect(attachments.map((a) => providerOf(plan, a)).sort()).toEqual(['aws', 'aws.b']);
      const accepter = onlyResourceOf(plan, 'aws_ec2_transit_gateway_vpc_attachment_accepter');
      expect(providerOf(plan, accepter)).toBe('aws');
      const accountBAttachment = attachments.find((a) => providerOf(plan, a) === 'aws.b')!;
      expect(refs(plan, accepter.address, 'transit_gateway_attachment_id')).toContain(
        `${accountBAttachment.address}.id`,
      );
      for (const route of resourcesOf(plan, 'aws_route'))
        expect(refs(plan, route.address, 'transit_gateway_id')).toContain(`${tgw.address}.id`);
    },
  );
});

describe('front-door-peering (VPC peering)', () => {
  test('account A requests, account B accepts, and both route over the connection', () => {
    const plan = plans['front-door-peering'];
    const connection = onlyResourceOf(plan, 'aws_vpc_peering_connection');
    expect(providerOf(plan, connection)).toBe('aws');
    expect(after(connection, 'peer_owner_id')).toBe('222222222222');
    const accepter = onlyResourceOf(plan, 'aws_vpc_peering_connection_accepter');
    expect(providerOf(plan, accepter)).toBe('aws.b');
    expect(after(accepter, 'auto_accept')).toBe(true);
    for (const route of resourcesOf(plan, 'aws_route'))
      expect(refs(plan, route.address, 'vpc_peering_connection_id')).toContain(
        `${connection.address}.id`,
      );
    expect(resourcesOf(plan, 'aws_ec2_transit_gateway')).toHaveLength(0);
  });
});

describe('front-door-tgw (REST front door, variant 1a)', () => {
  test('a REGIONAL API whose ANY /{proxy+} requires the Lambda authorizer', () => {
    const plan = plans['front-door-tgw'];
    const regional = resourcesOf(plan, 'aws_api_gateway_rest_api').find(
      (a) => after<{ types: string[] }[]>(a, 'endpoint_configuration')[0].types[0] === 'REGIONAL',
    )!;
    expect(providerOf(plan, regional)).toBe('aws');
    const method = resourcesOf(plan, 'aws_api_gateway_method').find((m) =>
      refs(plan, m.address, 'rest_api_id').includes(`${regional.address}.id`),
    )!;
    expect([after(method, 'http_method'), after(method, 'authorization')]).toEqual([
      'ANY',
      'CUSTOM',
    ]);
    const authorizer = onlyResourceOf(plan, 'aws_api_gateway_authorizer');
    expect(after(authorizer, 'type')).toBe('REQUEST');
    expect(refs(plan, method.address, 'authorizer_id')).toContain(`${authorizer.address}.id`);
  });

  test('the integration goes through the VPC link with x-apigw-api-id and the invoke domain as TLS server name', () => {
    const plan = plans['front-door-tgw'];
    const privateApi = privateApiOf(plan);
    const integration = resourcesOf(plan, 'aws_api_gateway_integration').find(
      (i) => after(i, 'connection_type') === 'VPC_LINK',
    )!;
    expect(after(integration, 'type')).toBe('HTTP_PROXY');
    const uri = expression(plan, integration.address, 'uri');
    expect(uri.constant_value).toBe(
      `https://\${${privateApi.address}.id}.execute-api.us-east-1.amazonaws.com/v1/{proxy}`,
    );
    const parameters = expression(plan, integration.address, 'request_parameters')
      .constant_value as Record<string, string>;
    expect(parameters['integration.request.header.x-apigw-api-id']).toBe(
      `'\${${privateApi.address}.id}'`,
    );
    expect(after<{ insecure_skip_verification: boolean }[]>(integration, 'tls_config')).toEqual([
      { insecure_skip_verification: false },
    ]);
    const link = onlyResourceOf(plan, 'aws_api_gateway_vpc_link');
    expect(refs(plan, integration.address, 'connection_id')).toContain(`${link.address}.id`);
    expect(refs(plan, link.address, 'target_arns')).toContain(
      `${onlyResourceOf(plan, 'aws_lb').address}.arn`,
    );
  });
});

describe('front-door-http (HTTP API front door, variant 1b)', () => {
  test('a JWT-authorized route through a VPC link v2 with tlsConfig.serverNameToVerify and x-apigw-api-id', () => {
    const plan = plans['front-door-http'];
    const privateApi = privateApiOf(plan);
    const integration = onlyResourceOf(plan, 'aws_apigatewayv2_integration');
    expect(after(integration, 'connection_type')).toBe('VPC_LINK');
    const tls = (
      config(plan, integration.address).expressions.tls_config as {
        server_name_to_verify: Expression;
      }[]
    )[0];
    expect(tls.server_name_to_verify.constant_value).toBe(
      `\${${privateApi.address}.id}.execute-api.us-east-1.amazonaws.com`,
    );
    const parameters = expression(plan, integration.address, 'request_parameters')
      .constant_value as Record<string, string>;
    expect(parameters['overwrite:header.x-apigw-api-id']).toBe(`\${${privateApi.address}.id}`);
    expect(refs(plan, integration.address, 'integration_uri')).toContain(
      `${onlyResourceOf(plan, 'aws_lb_listener').address}.arn`,
    );
    const route = onlyResourceOf(plan, 'aws_apigatewayv2_route');
    expect([after(route, 'route_key'), after(route, 'authorization_type')]).toEqual([
      'ANY /{proxy+}',
      'JWT',
    ]);
    expect(after(onlyResourceOf(plan, 'aws_apigatewayv2_stage'), 'name')).toBe('v1');
  });
});

describe('cross-account-endpoint (variant 3)', () => {
  test("account A's endpoint invokes account B's private API, which allows only that endpoint and A's principals", () => {
    const plan = plans['cross-account-endpoint'];
    const [endpoint] = executeApiEndpoints(plan);
    expect(executeApiEndpoints(plan)).toHaveLength(1);
    expect(providerOf(plan, endpoint)).toBe('aws');
    expect(providerOf(plan, privateApiOf(plan))).toBe('aws.b');
    const statements = expectPolicyAllowsOnly(plan, endpoint);
    const allow = statements.find((s) => s.effect === 'Allow')!;
    expect(allow.principals).toEqual([
      { type: 'AWS', identifiers: ['arn:aws:iam::111111111111:root'] },
    ]);
    const method = onlyResourceOf(plan, 'aws_api_gateway_method');
    expect(after(method, 'authorization')).toBe('AWS_IAM');
    expect(resourcesOf(plan, 'aws_vpc').map((v) => providerOf(plan, v))).toEqual(['aws']);
  });
});

describe('privatelink (variant 4)', () => {
  test.each([
    ['aws.serviceA', 'ecs'],
    ['aws.serviceB', 'asg'],
  ])(
    'the endpoint service in %s requires acceptance and allows only the central account',
    (provider) => {
      const plan = plans.privatelink;
      const service = resourcesOf(plan, 'aws_vpc_endpoint_service').find(
        (s) => providerOf(plan, s) === provider,
      )!;
      expect(after(service, 'acceptance_required')).toBe(true);
      expect(after(service, 'allowed_principals')).toEqual(['arn:aws:iam::333333333333:root']);
      const [accepter] = referencing(
        plan,
        'aws_vpc_endpoint_connection_accepter',
        'vpc_endpoint_service_id',
        `${service.address}.id`,
      );
      expect(providerOf(plan, accepter)).toBe(provider);
      const [consumer] = referencing(
        plan,
        'aws_vpc_endpoint',
        'service_name',
        `${service.address}.service_name`,
      );
      expect(providerOf(plan, consumer)).toBe('aws');
      expect(refs(plan, accepter.address, 'vpc_endpoint_id')).toContain(`${consumer.address}.id`);
    },
  );

  test('the central NLB targets the consumer endpoint addresses; the resource accounts run ECS and an Auto Scaling group', () => {
    const plan = plans.privatelink;
    const central = resourcesOf(plan, 'aws_lb').filter((lb) => providerOf(plan, lb) === 'aws');
    expect(central).toHaveLength(1);
    const attachments = resourcesOf(plan, 'aws_lb_target_group_attachment');
    expect(attachments).toHaveLength(4);
    for (const attachment of attachments) {
      expect(after(attachment, 'port')).toBe(80);
      expect(after(attachment, 'availability_zone')).toBeNull();
      expect(refs(plan, attachment.address, 'target_id')[0]).toMatch(
        /^data\.aws_network_interface\..*\.private_ip$/,
      );
    }
    // The addresses are read after the owners' acceptance: each interface comes from an
    // aws_vpc_endpoint data source that depends on the connection accepter.
    const interfaces = dataSourcesOf(plan, 'aws_network_interface');
    expect(interfaces).toHaveLength(4);
    for (const eni of interfaces) {
      const [read] = refs(plan, eni.address, 'id').filter((r) => r.startsWith('data.'));
      expect(dependsOn(plan, read.replace(/\.network_interface_ids$/, ''))).toEqual([
        expect.stringMatching(/^aws_vpc_endpoint_connection_accepter\./),
      ]);
    }
    expect(providerOf(plan, onlyResourceOf(plan, 'aws_ecs_service'))).toBe('aws.serviceA');
    expect(providerOf(plan, onlyResourceOf(plan, 'aws_autoscaling_group'))).toBe('aws.serviceB');
    expect(resourcesOf(plan, 'aws_vpc_peering_connection')).toHaveLength(0);
    expect(resourcesOf(plan, 'aws_ec2_transit_gateway')).toHaveLength(0);
  });

  test('/ecs and /asg have an ANY method of their own besides {proxy+}, each through the VPC link', () => {
    // The outputs and README call .../ecs/ and .../asg/, which a greedy {proxy+} never matches.
    const plan = plans.privatelink;
    const apiResources = resourcesOf(plan, 'aws_api_gateway_resource');
    for (const name of ['ecs', 'asg']) {
      const parent = apiResources.find((r) => after(r, 'path_part') === name)!;
      const child = apiResources.find(
        (r) => refs(plan, r.address, 'parent_id')[0] === `${parent.address}.id`,
      )!;
      expect(after(child, 'path_part')).toBe('{proxy+}');
      for (const resource of [parent, child]) {
        const on = (type: string) =>
          referencing(plan, type, 'resource_id', `${resource.address}.id`);
        const method = (m: ResourceChange) => [after(m, 'http_method'), after(m, 'authorization')];
        const integration = (i: ResourceChange) => [after(i, 'type'), after(i, 'connection_type')];
        expect(on('aws_api_gateway_method').map(method)).toEqual([['ANY', 'AWS_IAM']]);
        expect(on('aws_api_gateway_integration').map(integration)).toEqual([
          ['HTTP_PROXY', 'VPC_LINK'],
        ]);
      }
    }
  });

  test("account B's instances reach Session Manager through ssm, ssmmessages and ec2messages endpoints limited to their group and role", () => {
    const plan = plans.privatelink;
    const endpoints = resourcesOf(plan, 'aws_vpc_endpoint').filter(
      (e) =>
        providerOf(plan, e) === 'aws.serviceB' && after(e, 'vpc_endpoint_type') === 'Interface',
    );
    const service = (e: ResourceChange) => String(after(e, 'service_name')).split('.').pop()!;
    expect(endpoints.map(service).sort()).toEqual(['ec2messages', 'ssm', 'ssmmessages']);
    const instances = instancesOf(plan, 'aws.serviceB');
    for (const endpoint of endpoints) {
      expect(after(endpoint, 'private_dns_enabled')).toBe(true);
      const { statements, address } = policyStatements(plan, endpoint.address, 'policy');
      const ownActions = (s: Statement) =>
        s.actions.every((a) => a.startsWith(`${service(endpoint)}:`));
      expect(statements.map((s) => [s.effect, ownActions(s)])).toEqual([['Allow', true]]);
      const condition = firstCondition(plan, address);
      expect(condition.variable.constant_value).toBe('aws:PrincipalArn');
      expect(condition.values.references).toContain(`${instances.role}.arn`);
      const ingress = ingressOf(plan, endpoint);
      expect(ingress).toHaveLength(1);
      expect([after(ingress[0], 'from_port'), after(ingress[0], 'cidr_ipv4')]).toEqual([443, null]);
      expect(refs(plan, ingress[0].address, 'referenced_security_group_id')).toContain(
        instances.securityGroup,
      );
    }
  });
});

describe('cross-account-lambda (variant 5)', () => {
  test("the Lambda account's function policy lets only the central API invoke it, with no VPC link", () => {
    const plan = plans['cross-account-lambda'];
    const api = privateApiOf(plan);
    const permission = onlyResourceOf(plan, 'aws_lambda_permission');
    expect(providerOf(plan, permission)).toBe('aws.lambda');
    expect([after(permission, 'principal'), after(permission, 'source_account')]).toEqual([
      'apigateway.amazonaws.com',
      '333333333333',
    ]);
    expect(expression(plan, permission.address, 'source_arn').constant_value).toBe(
      `\${${api.address}.execution_arn}/*/GET/lambda`,
    );
    const backend = resourcesOf(plan, 'aws_lambda_function').find(
      (f) => providerOf(plan, f) === 'aws.lambda',
    )!;
    expect(refs(plan, permission.address, 'function_name')).toContain(
      `${backend.address}.function_name`,
    );
    const integration = resourcesOf(plan, 'aws_api_gateway_integration').find(
      (i) => after(i, 'type') === 'AWS_PROXY',
    )!;
    expect(refs(plan, integration.address, 'uri')).toContain(`${backend.address}.invoke_arn`);
    expect(providerOf(plan, integration)).toBe('aws');
    expect(resourcesOf(plan, 'aws_api_gateway_vpc_link')).toHaveLength(0);
  });
});

describe('apps/cross-account Terraform warnings', () => {
  test('every stack plans with zero Terraform warnings (deprecated arguments and the like)', () => {
    expect(terraformWarningsOf(plans)).toEqual({});
  });
});
