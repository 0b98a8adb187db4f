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

type Expression = { constant_value?: unknown; references?: string[] };
type ConfigResource = {
  address: string;
  type: string;
  provider_config_key: string;
  expressions: Record<string, unknown>;
};
type Statement = {
  effect: string;
  actions: string[];
  condition: { test: string; variable: string; values: string[] }[];
  principals: { type: string; identifiers: string[] }[];
};

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

function configResources(plan: TerraformPlan): ConfigResource[] {
  return (plan.configuration.root_module.resources ?? []) as unknown as ConfigResource[];
}

function config(plan: TerraformPlan, address: string): ConfigResource {
  const found = configResources(plan).find((r) => r.address === address);
  if (!found) throw new Error(`no configuration for ${address}`);
  return found;
}

/** The provider configuration (`aws` or `aws.<alias>`) a resource or data source uses. */
function providerOf(plan: TerraformPlan, resource: ResourceChange): string {
  return config(plan, resource.address).provider_config_key;
}

function expression(plan: TerraformPlan, address: string, key: string): Expression {
  return (config(plan, address).expressions[key] ?? {}) as Expression;
}

function refs(plan: TerraformPlan, address: string, key: string): string[] {
  return expression(plan, address, key).references ?? [];
}

/** The policy document data source that a resource's attribute refers to, with its statements. */
function policyStatements(
  plan: TerraformPlan,
  address: string,
  key: string,
): { address: string; statements: Statement[] } {
  const document = dataSourcesOf(plan, 'aws_iam_policy_document').find((d) =>
    refs(plan, address, key).includes(d.address),
  );
  if (!document) throw new Error(`${address}.${key} refers to no policy document`);
  return { address: document.address, statements: after<Statement[]>(document, 'statement') };
}

function executeApiEndpoints(plan: TerraformPlan): ResourceChange[] {
  return resourcesOf(plan, 'aws_vpc_endpoint').filter((e) =>
    String(after(e, 'service_name')).endsWith('.execute-api'),
  );
}

function privateApiOf(plan: TerraformPlan): ResourceChange {
  const apis = resourcesOf(plan, 'aws_api_gateway_rest_api').filter(
    (a) => after<{ types: string[] }[]>(a, 'endpoint_configuration')[0].types[0] === 'PRIVATE',
  );
  expect(apis).toHaveLength(1);
  return apis[0];
}

/** Asserts the private API's policy allows (and the Deny refuses all but) exactly `endpoint`. */
function expectPolicyAllowsOnly(plan: TerraformPlan, endpoint: ResourceChange): Statement[] {
  const api = privateApiOf(plan);
  const { address, statements } = policyStatements(plan, api.address, 'policy');
  const allow = statements.find((s) => s.effect === 'Allow')!;
  const deny = statements.find((s) => s.effect === 'Deny')!;
  expect(allow.condition).toEqual([
    expect.objectContaining({ test: 'StringEquals', variable: 'aws:SourceVpce' }),
  ]);
  expect(deny.condition).toEqual([
    expect.objectContaining({ test: 'StringNotEquals', variable: 'aws:SourceVpce' }),
  ]);
  const documentConfig = config(plan, address).expressions.statement as {
    condition: { values: Expression }[];
  }[];
  for (const statement of documentConfig) {
    expect(statement.condition[0].values.references).toEqual([
      `${endpoint.address}.id`,
      endpoint.address,
    ]);
  }
  return statements;
}

describe('apps/cross-account plan', () => {
  test('plans one stack per variant', () => {
    expect(Object.keys(plans).sort()).toEqual(STACK_IDS);
  });

  test.each(STACK_IDS)('%s: no guardrail finding at error level', (stack) => {
    expect(errorsOf(checkPlanFile(planFileOfPlan(plans[stack])))).toEqual([]);
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
    const groups = refs(plan, endpoint.address, 'security_group_ids');
    const ingress = resourcesOf(plan, 'aws_vpc_security_group_ingress_rule').filter((r) =>
      refs(plan, r.address, 'security_group_id').some((g) => groups.includes(g)),
    );
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
      const accepter = resourcesOf(plan, 'aws_vpc_endpoint_connection_accepter').find((a) =>
        refs(plan, a.address, 'vpc_endpoint_service_id').includes(`${service.address}.id`),
      )!;
      expect(providerOf(plan, accepter)).toBe(provider);
      const consumer = resourcesOf(plan, 'aws_vpc_endpoint').find((e) =>
        refs(plan, e.address, 'service_name').includes(`${service.address}.service_name`),
      )!;
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
    expect(providerOf(plan, onlyResourceOf(plan, 'aws_ecs_service'))).toBe('aws.serviceA');
    expect(providerOf(plan, onlyResourceOf(plan, 'aws_autoscaling_group'))).toBe('aws.serviceB');
    expect(resourcesOf(plan, 'aws_vpc_peering_connection')).toHaveLength(0);
    expect(resourcesOf(plan, 'aws_ec2_transit_gateway')).toHaveLength(0);
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
