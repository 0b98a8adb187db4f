// Helpers of the apps/cross-account plan test: the configuration of a resource in plan.json, the
// provider it uses, the references of its expressions, and the policy documents it points at.
import {
  ResourceChange,
  TerraformPlan,
  after,
  dataSourcesOf,
  resourcesOf,
} from '@apigw-private/tools/testing/plan';

export type Expression = { constant_value?: unknown; references?: string[] };
export type ConfigResource = {
  address: string;
  type: string;
  provider_config_key: string;
  expressions: Record<string, unknown>;
};
export type Statement = {
  effect: string;
  actions: string[];
  condition: { test: string; variable: string; values: string[] }[];
  principals: { type: string; identifiers: string[] }[];
};

export function configResources(plan: TerraformPlan): ConfigResource[] {
  return (plan.configuration.root_module.resources ?? []) as unknown as ConfigResource[];
}

export function config(plan: TerraformPlan, address: string): ConfigResource {
  const found = configResources(plan).find((r) => r.address === address);
  if (!found) throw new Error(`no configuration for ${address}`);
  return found;
}

/** The provider configuration (`aws` or `aws.<alias>`) a resource or data source uses. */
export function providerOf(plan: TerraformPlan, resource: ResourceChange): string {
  return config(plan, resource.address).provider_config_key;
}

export function expression(plan: TerraformPlan, address: string, key: string): Expression {
  return (config(plan, address).expressions[key] ?? {}) as Expression;
}

export function refs(plan: TerraformPlan, address: string, key: string): string[] {
  return expression(plan, address, key).references ?? [];
}

/** The policy document data source that a resource's attribute refers to, with its statements. */
export function policyStatements(
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

export function executeApiEndpoints(plan: TerraformPlan): ResourceChange[] {
  return resourcesOf(plan, 'aws_vpc_endpoint').filter((e) =>
    String(after(e, 'service_name')).endsWith('.execute-api'),
  );
}

export function privateApiOf(plan: TerraformPlan): ResourceChange {
  const apis = resourcesOf(plan, 'aws_api_gateway_rest_api').filter(
    (a) => after<{ types: string[] }[]>(a, 'endpoint_configuration')[0].types[0] === 'PRIVATE',
  );
  expect(apis).toHaveLength(1);
  return apis[0];
}

/** Asserts the private API's policy allows (and the Deny refuses all but) exactly `endpoint`. */
export function expectPolicyAllowsOnly(plan: TerraformPlan, endpoint: ResourceChange): Statement[] {
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

/** Resources of `type` whose `key` refers to `target` (an address with its attribute). */
export function referencing(
  plan: TerraformPlan,
  type: string,
  key: string,
  target: string,
): ResourceChange[] {
  return resourcesOf(plan, type).filter((r) => refs(plan, r.address, key).includes(target));
}

/** The ingress rules of the security groups a resource (an endpoint, say) uses. */
export function ingressOf(plan: TerraformPlan, resource: ResourceChange): ResourceChange[] {
  const groups = refs(plan, resource.address, 'security_group_ids');
  return resourcesOf(plan, 'aws_vpc_security_group_ingress_rule').filter((rule) =>
    refs(plan, rule.address, 'security_group_id').some((g) => groups.includes(g)),
  );
}

/** The `depends_on` of a resource or data source (`data.<type>.<name>`) in the configuration. */
export function dependsOn(plan: TerraformPlan, address: string): string[] {
  return (config(plan, address) as ConfigResource & { depends_on?: string[] }).depends_on ?? [];
}

/** The role (address) and security group (reference) of the EC2 instances a provider launches. */
export function instancesOf(
  plan: TerraformPlan,
  provider: string,
): { role: string; securityGroup: string } {
  const inAccount = (r: ResourceChange) => providerOf(plan, r) === provider;
  const profile = resourcesOf(plan, 'aws_iam_instance_profile').find(inAccount)!;
  const template = resourcesOf(plan, 'aws_launch_template').find(inAccount)!;
  const [nic] = config(plan, template.address).expressions.network_interfaces as {
    security_groups: Expression;
  }[];
  return {
    role: refs(plan, profile.address, 'role').find((r) => !r.endsWith('.name'))!,
    securityGroup: nic.security_groups.references![0],
  };
}

/** The first condition of the first statement of a policy document, as configured. */
export function firstCondition(
  plan: TerraformPlan,
  documentAddress: string,
): { variable: Expression; values: Expression } {
  const [statement] = config(plan, documentAddress).expressions.statement as {
    condition: { variable: Expression; values: Expression }[];
  }[];
  return statement.condition[0];
}
