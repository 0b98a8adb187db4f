// Runs the real offline `terraform plan` of apps/basic and asserts on plan.json.
import {
  PLAN_TIMEOUT_MS,
  TerraformPlan,
  after,
  configOf,
  dataSourcesOf,
  onlyResourceOf,
  planApp,
  referencesOf,
  resourcesOf,
  terraformWarningsOf,
} from '@apigw-private/tools/testing/plan';

type Statement = {
  effect: string;
  actions: string[];
  resources: string[];
  condition: { test: string; variable: string; values: string[] }[];
};

let plans: Record<string, TerraformPlan>;

beforeAll(async () => {
  plans = await planApp('basic');
}, PLAN_TIMEOUT_MS);

describe('apps/basic plan', () => {
  test('plans both stacks', () => {
    expect(Object.keys(plans).sort()).toEqual(['basic', 'basic-private-dns-off']);
  });

  test.each(['basic', 'basic-private-dns-off'])(
    '%s: the REST API is PRIVATE and associated with the endpoint',
    (stack) => {
      const plan = plans[stack];
      const api = onlyResourceOf(plan, 'aws_api_gateway_rest_api');
      const endpointConfig = after<{ types: string[] }[]>(api, 'endpoint_configuration');
      expect(endpointConfig[0].types).toEqual(['PRIVATE']);
      const endpoint = onlyExecuteApiEndpoint(plan);
      const association = configOf(plan, api.address).endpoint_configuration as {
        vpc_endpoint_ids: unknown;
      }[];
      expect(referencesOf(association[0].vpc_endpoint_ids)).toContain(`${endpoint.address}.id`);
    },
  );

  test.each(['basic', 'basic-private-dns-off'])(
    '%s: the resource policy allows only the endpoint and denies every other source',
    (stack) => {
      const plan = plans[stack];
      const api = onlyResourceOf(plan, 'aws_api_gateway_rest_api');
      const policyRefs = referencesOf(configOf(plan, api.address).policy);
      const document = dataSourcesOf(plan, 'aws_iam_policy_document').find((d) =>
        policyRefs.includes(d.address),
      );
      expect(document).toBeDefined();
      const statements = after<Statement[]>(document!, 'statement');
      const allow = statements.find((s) => s.effect === 'Allow')!;
      const deny = statements.find((s) => s.effect === 'Deny')!;
      expect(allow.actions).toEqual(['execute-api:Invoke']);
      expect(allow.condition).toEqual([
        expect.objectContaining({ test: 'StringEquals', variable: 'aws:SourceVpce' }),
      ]);
      expect(deny.actions).toEqual(['execute-api:Invoke']);
      expect(deny.condition).toEqual([
        expect.objectContaining({ test: 'StringNotEquals', variable: 'aws:SourceVpce' }),
      ]);
      // The endpoint ID is known only after apply: the condition values reference it.
      const endpoint = onlyExecuteApiEndpoint(plan);
      const documentConfig = configOf(plan, document!.address).statement as {
        condition: { values: unknown }[];
      }[];
      for (const statement of documentConfig) {
        expect(referencesOf(statement.condition[0].values)).toContain(`${endpoint.address}.id`);
      }
    },
  );

  test('the endpoint admits 443 only from the client CIDRs', () => {
    const plan = plans.basic;
    const endpoint = onlyExecuteApiEndpoint(plan);
    const groupRefs = referencesOf(configOf(plan, endpoint.address).security_group_ids);
    const ingress = resourcesOf(plan, 'aws_vpc_security_group_ingress_rule').filter((rule) =>
      referencesOf(configOf(plan, rule.address).security_group_id).some((ref) =>
        groupRefs.includes(ref),
      ),
    );
    expect(ingress.length).toBeGreaterThan(0);
    for (const rule of ingress) {
      expect(after(rule, 'ip_protocol')).toBe('tcp');
      expect(after(rule, 'from_port')).toBe(443);
      expect(after(rule, 'to_port')).toBe(443);
      expect(after(rule, 'cidr_ipv4')).toBe('10.10.0.0/16');
    }
  });

  test("the Session Manager endpoints let only the EC2 client's role through, and only the agent's actions", () => {
    const plan = plans.basic;
    const profile = onlyResourceOf(plan, 'aws_iam_instance_profile');
    const role = referencesOf(configOf(plan, profile.address).role).find(
      (r) => !r.endsWith('.name'),
    );
    const endpoints = resourcesOf(plan, 'aws_vpc_endpoint').filter((e) =>
      /\.(ssm|ssmmessages|ec2messages)$/.test(String(after(e, 'service_name'))),
    );
    expect(endpoints).toHaveLength(3);
    for (const endpoint of endpoints) {
      const service = String(after(endpoint, 'service_name')).split('.').pop();
      const refs = referencesOf(configOf(plan, endpoint.address).policy);
      const document = dataSourcesOf(plan, 'aws_iam_policy_document').find((d) =>
        refs.includes(d.address),
      )!;
      const [statement] = after<Statement[]>(document, 'statement');
      expect(statement.actions.every((a) => a.startsWith(`${service}:`))).toBe(true);
      const [statementConfig] = configOf(plan, document.address).statement as {
        condition: { values: unknown }[];
      }[];
      expect(referencesOf(statementConfig.condition[0].values)).toContain(`${role}.arn`);
    }
  });

  test('private DNS is on in the basic stack and off in the other', () => {
    expect(after(onlyExecuteApiEndpoint(plans.basic), 'private_dns_enabled')).toBe(true);
    expect(
      after(onlyExecuteApiEndpoint(plans['basic-private-dns-off']), 'private_dns_enabled'),
    ).toBe(false);
  });

  test('the stage writes access logs to a log group with retention, with X-Ray and method settings', () => {
    const plan = plans.basic;
    const stage = onlyResourceOf(plan, 'aws_api_gateway_stage');
    expect(after(stage, 'xray_tracing_enabled')).toBe(true);
    const logs = configOf(plan, stage.address).access_log_settings as {
      destination_arn: unknown;
    }[];
    const groupAddress = referencesOf(logs[0].destination_arn).find(
      (r) => r.startsWith('aws_cloudwatch_log_group.') && !r.endsWith('.arn'),
    );
    const group = resourcesOf(plan, 'aws_cloudwatch_log_group').find(
      (g) => g.address === groupAddress,
    )!;
    expect(after(group, 'retention_in_days')).toBe(90);
    const settings = onlyResourceOf(plan, 'aws_api_gateway_method_settings');
    expect(
      after<{ metrics_enabled: boolean; logging_level: string; data_trace_enabled: boolean }[]>(
        settings,
        'settings',
      )[0],
    ).toEqual(
      expect.objectContaining({
        metrics_enabled: true,
        logging_level: 'INFO',
        data_trace_enabled: false,
      }),
    );
  });

  test('the endpoint and the clients sit in private subnets of two AZs', () => {
    const plan = plans.basic;
    const subnets = resourcesOf(plan, 'aws_subnet');
    expect(subnets.map((s) => after(s, 'availability_zone')).sort()).toEqual([
      'us-east-1a',
      'us-east-1b',
    ]);
    for (const subnet of subnets) expect(after(subnet, 'map_public_ip_on_launch')).toBe(false);
    const endpointSubnets = referencesOf(
      configOf(plan, onlyExecuteApiEndpoint(plan).address).subnet_ids,
    );
    for (const subnet of subnets) expect(endpointSubnets).toContain(`${subnet.address}.id`);
    expect(after(onlyResourceOf(plan, 'aws_instance'), 'associate_public_ip_address')).toBe(false);
  });

  test('outputs give an invoke URL for each DNS option', () => {
    const outputs = Object.keys(plans.basic.planned_values.outputs ?? {});
    expect(outputs).toEqual(
      expect.arrayContaining([
        'invoke-url-private-dns',
        'invoke-url-endpoint-dns',
        'invoke-header-endpoint-dns',
        'invoke-url-route53-alias',
      ]),
    );
    expect(Object.keys(plans['basic-private-dns-off'].planned_values.outputs ?? {})).not.toContain(
      'invoke-url-private-dns',
    );
  });
});

function onlyExecuteApiEndpoint(plan: TerraformPlan) {
  const endpoints = resourcesOf(plan, 'aws_vpc_endpoint').filter((e) =>
    String(after(e, 'service_name')).endsWith('.execute-api'),
  );
  expect(endpoints).toHaveLength(1);
  return endpoints[0];
}

describe('apps/basic Terraform warnings', () => {
  test('every stack plans with zero Terraform warnings (deprecated arguments and the like)', () => {
    expect(terraformWarningsOf(plans)).toEqual({});
  });
});
