// Runs the real offline `terraform plan` of every default stack of apps/on-premises and asserts on
// plan.json.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { checkPlanFile, errorsOf } from '@apigw-private/tools/guardrails';
import {
  PLAN_TIMEOUT_MS,
  ResourceChange,
  TerraformPlan,
  after,
  configOf,
  dataSourcesOf,
  onlyResourceOf,
  planApp,
  planFileOfPlan,
  referencesOf,
  resourcesOf,
  terraformWarningsOf,
} from '@apigw-private/tools/testing/plan';
import { DEFAULT_STACKS } from '../src/config';

const ON_PREMISES = '192.168.0.0/20';
const VPC = '10.30.0.0/16';
const ORIGIN = 'https://portal.onprem.example.internal';

let plans: Record<string, TerraformPlan>;

beforeAll(async () => {
  plans = await planApp('on-premises');
}, PLAN_TIMEOUT_MS);

/** Ingress rules of the security groups a resource (endpoint, resolver) uses. */
function ingressOf(plan: TerraformPlan, resource: ResourceChange): ResourceChange[] {
  const groups = referencesOf(configOf(plan, resource.address).security_group_ids);
  return resourcesOf(plan, 'aws_vpc_security_group_ingress_rule').filter((rule) =>
    referencesOf(configOf(plan, rule.address).security_group_id).some((ref) =>
      groups.includes(ref),
    ),
  );
}

function executeApiEndpoint(plan: TerraformPlan): ResourceChange {
  const endpoints = resourcesOf(plan, 'aws_vpc_endpoint').filter((e) =>
    String(after(e, 'service_name')).endsWith('.execute-api'),
  );
  expect(endpoints).toHaveLength(1);
  return endpoints[0];
}

/** Resources whose configuration references `target` (an address). */
function referencing(
  plan: TerraformPlan,
  type: string,
  key: string,
  target: string,
): ResourceChange[] {
  return resourcesOf(plan, type).filter((r) =>
    referencesOf(configOf(plan, r.address)[key]).includes(target),
  );
}

describe('apps/on-premises plan', () => {
  test('plans one stack per default connectivity option', () => {
    expect(Object.keys(plans).sort()).toEqual([...DEFAULT_STACKS].sort());
  });

  test.each(DEFAULT_STACKS)('%s: no guardrail errors', async (stack) => {
    const report = await checkPlanFile(planFileOfPlan(plans[stack]));
    expect(errorsOf(report).map((f) => `${f.rule} ${f.address}: ${f.message}`)).toEqual([]);
  });

  test.each(DEFAULT_STACKS)(
    '%s: the inbound resolver has addresses in two AZs, TCP and UDP 53 open only to on premises',
    (stack) => {
      const plan = plans[stack];
      const resolver = onlyResourceOf(plan, 'aws_route53_resolver_endpoint');
      expect(after(resolver, 'direction')).toBe('INBOUND');
      const addresses = configOf(plan, resolver.address).ip_address as {
        ip: { constant_value: string };
        subnet_id: unknown;
      }[];
      expect(addresses.map((a) => a.ip.constant_value)).toEqual(['10.30.0.53', '10.30.16.53']);
      const zones = addresses.map((a) => {
        const subnet = resourcesOf(plan, 'aws_subnet').find((s) =>
          referencesOf(a.subnet_id).includes(s.address),
        )!;
        return after(subnet, 'availability_zone');
      });
      expect(zones).toEqual(['us-east-1a', 'us-east-1b']);
      const ingress = ingressOf(plan, resolver);
      expect(
        ingress
          .map((r) => [
            after(r, 'ip_protocol'),
            after(r, 'from_port'),
            after(r, 'to_port'),
            after(r, 'cidr_ipv4'),
          ])
          .sort(),
      ).toEqual([
        ['tcp', 53, 53, ON_PREMISES],
        ['udp', 53, 53, ON_PREMISES],
      ]);
    },
  );

  test('the outputs give the resolver addresses and the exact conditional-forwarder settings', () => {
    const outputs = plans['vpn-vgw-static'].planned_values.outputs ?? {};
    expect(outputs['resolver-inbound-addresses'].value).toEqual(['10.30.0.53', '10.30.16.53']);
    expect(outputs['dns-conditional-forwarders'].value).toEqual(
      expect.objectContaining({
        zones: ['onprem.example.internal'],
        targets: [
          { address: '10.30.0.53', port: 53 },
          { address: '10.30.16.53', port: 53 },
        ],
        bind: [
          'zone "onprem.example.internal" { type forward; forward only; forwarders { 10.30.0.53 port 53; 10.30.16.53 port 53; }; };',
        ],
      }),
    );
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining([
        'invoke-url-route53-alias',
        'invoke-url-custom-domain',
        'invoke-url-endpoint-dns',
        'invoke-header-endpoint-dns',
      ]),
    );
  });

  test('the endpoint has private DNS off and admits 443 only from on premises and the VPC', () => {
    const plan = plans['vpn-vgw-static'];
    const endpoint = executeApiEndpoint(plan);
    expect(after(endpoint, 'private_dns_enabled')).toBe(false);
    const ingress = ingressOf(plan, endpoint);
    for (const rule of ingress) {
      expect([
        after(rule, 'ip_protocol'),
        after(rule, 'from_port'),
        after(rule, 'to_port'),
      ]).toEqual(['tcp', 443, 443]);
    }
    expect(ingress.map((r) => after(r, 'cidr_ipv4')).sort()).toEqual([VPC, ON_PREMISES]);
  });

  test('the resource policy allows only that endpoint', () => {
    const plan = plans['vpn-vgw-static'];
    const api = onlyResourceOf(plan, 'aws_api_gateway_rest_api');
    expect(after<{ types: string[] }[]>(api, 'endpoint_configuration')[0].types).toEqual([
      'PRIVATE',
    ]);
    const policyRefs = referencesOf(configOf(plan, api.address).policy);
    const document = dataSourcesOf(plan, 'aws_iam_policy_document').find((d) =>
      policyRefs.includes(d.address),
    )!;
    const statements = configOf(plan, document.address).statement as {
      effect: { constant_value: string };
      condition: { test: unknown; values: unknown }[];
    }[];
    const endpoint = executeApiEndpoint(plan);
    expect(statements.map((s) => s.effect.constant_value)).toEqual(['Allow', 'Deny']);
    for (const statement of statements)
      expect(referencesOf(statement.condition[0].values)).toContain(`${endpoint.address}.id`);
  });

  test('OPTIONS on every resource and the 4XX/5XX gateway responses carry the configured origin', () => {
    const plan = plans['vpn-vgw-static'];
    const options = resourcesOf(plan, 'aws_api_gateway_method').filter(
      (m) => after(m, 'http_method') === 'OPTIONS',
    );
    expect(options).toHaveLength(resourcesOf(plan, 'aws_api_gateway_resource').length);
    for (const method of options) expect(after(method, 'authorization')).toBe('NONE');
    const preflight = resourcesOf(plan, 'aws_api_gateway_integration_response').filter((r) =>
      /-OPTIONS-200_/.test(r.address),
    );
    expect(preflight).toHaveLength(options.length);
    for (const response of preflight) {
      expect(after(response, 'response_parameters')).toEqual(
        expect.objectContaining({
          'method.response.header.Access-Control-Allow-Origin': `'${ORIGIN}'`,
          'method.response.header.Access-Control-Allow-Methods': "'GET,POST,OPTIONS'",
          'method.response.header.Access-Control-Max-Age': "'600'",
        }),
      );
    }
    const gatewayResponses = resourcesOf(plan, 'aws_api_gateway_gateway_response');
    expect(gatewayResponses.map((r) => after(r, 'response_type')).sort()).toEqual([
      'DEFAULT_4XX',
      'DEFAULT_5XX',
    ]);
    for (const response of gatewayResponses) {
      expect(
        after<Record<string, string>>(response, 'response_parameters')[
          'gatewayresponse.header.Access-Control-Allow-Origin'
        ],
      ).toBe(`'${ORIGIN}'`);
    }
    // The actual responses carry it too, so the browser hands them to the app.
    const actual = resourcesOf(plan, 'aws_api_gateway_integration_response').filter(
      (r) => !/-OPTIONS-200_/.test(r.address),
    );
    for (const response of actual) {
      expect(
        after<Record<string, string>>(response, 'response_parameters')[
          'method.response.header.Access-Control-Allow-Origin'
        ],
      ).toBe(`'${ORIGIN}'`);
    }
  });

  test('the private custom domain is PRIVATE with TLS 1.2, mapped by domain_name_id and associated with the endpoint', () => {
    const plan = plans['vpn-vgw-static'];
    const domain = onlyResourceOf(plan, 'aws_api_gateway_domain_name');
    expect(after(domain, 'domain_name')).toBe('api.onprem.example.internal');
    expect(after(domain, 'security_policy')).toBe('TLS_1_2');
    expect(after<{ types: string[] }[]>(domain, 'endpoint_configuration')[0].types).toEqual([
      'PRIVATE',
    ]);
    const mapping = onlyResourceOf(plan, 'aws_api_gateway_base_path_mapping');
    expect(referencesOf(configOf(plan, mapping.address).domain_name_id)).toContain(
      `${domain.address}.domain_name_id`,
    );
    const association = onlyResourceOf(plan, 'aws_api_gateway_domain_name_access_association');
    expect(after(association, 'access_association_source_type')).toBe('VPCE');
    expect(referencesOf(configOf(plan, association.address).access_association_source)).toContain(
      `${executeApiEndpoint(plan).address}.id`,
    );
    expect(referencesOf(configOf(plan, association.address).domain_name_arn)).toContain(
      `${domain.address}.arn`,
    );
    const record = onlyResourceOf(plan, 'aws_route53_record');
    expect(after(record, 'name')).toBe('api.onprem.example.internal');
    const zone = onlyResourceOf(plan, 'aws_route53_zone');
    expect(after(zone, 'name')).toBe('onprem.example.internal');
  });

  test.each(DEFAULT_STACKS)(
    '%s: the endpoint policy allows the API and the private custom domain name, so calls through the name pass',
    (stack) => {
      // A call through a private custom domain name is authorized on the domain name resource and
      // on the API (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-vpc-endpoint-policies.html).
      const plan = plans[stack];
      const policy = onlyResourceOf(plan, 'aws_vpc_endpoint_policy');
      expect(referencesOf(configOf(plan, policy.address).vpc_endpoint_id)).toContain(
        `${executeApiEndpoint(plan).address}.id`,
      );
      const policyRefs = referencesOf(configOf(plan, policy.address).policy);
      const document = dataSourcesOf(plan, 'aws_iam_policy_document').find((d) =>
        policyRefs.includes(d.address),
      )!;
      const api = onlyResourceOf(plan, 'aws_api_gateway_rest_api');
      const domain = onlyResourceOf(plan, 'aws_api_gateway_domain_name');
      // The exact resources, from the synthesized stack the plan ran on.
      const synthesized = JSON.parse(
        readFileSync(join(dirname(planFileOfPlan(plan)), 'cdk.tf.json'), 'utf8'),
      ) as { data: { aws_iam_policy_document: Record<string, { statement: unknown[] }> } };
      const name = document.address.split('.').pop()!;
      expect(synthesized.data.aws_iam_policy_document[name].statement).toEqual([
        expect.objectContaining({
          effect: 'Allow',
          actions: ['execute-api:Invoke'],
          resources: [
            `\${${api.address}.execution_arn}/*`,
            `arn:aws:execute-api:us-east-1:111111111111:/domainnames/api.onprem.example.internal+\${${domain.address}.domain_name_id}`,
          ],
        }),
      ]);
    },
  );

  test('vpn-vgw-static: a VGW propagating into both route tables, a static VPN with one route per on-premises CIDR', () => {
    const plan = plans['vpn-vgw-static'];
    const vgw = onlyResourceOf(plan, 'aws_vpn_gateway');
    expect(
      referencing(plan, 'aws_vpn_gateway_route_propagation', 'vpn_gateway_id', `${vgw.address}.id`),
    ).toHaveLength(2);
    const vpn = onlyResourceOf(plan, 'aws_vpn_connection');
    expect(after(vpn, 'static_routes_only')).toBe(true);
    expect(after(vpn, 'tunnel1_ike_versions')).toEqual(['ikev2']);
    expect(after(vpn, 'tunnel2_ike_versions')).toEqual(['ikev2']);
    expect(after(vpn, 'preshared_key_storage')).toBe('SecretsManager');
    expect(referencesOf(configOf(plan, vpn.address).vpn_gateway_id)).toContain(`${vgw.address}.id`);
    expect(after(onlyResourceOf(plan, 'aws_vpn_connection_route'), 'destination_cidr_block')).toBe(
      ON_PREMISES,
    );
    const cgw = onlyResourceOf(plan, 'aws_customer_gateway');
    expect([after(cgw, 'ip_address'), after(cgw, 'bgp_asn')]).toEqual(['203.0.113.10', '65010']);
    expect(resourcesOf(plan, 'aws_dx_gateway')).toHaveLength(0);
    expect(resourcesOf(plan, 'aws_ec2_transit_gateway')).toHaveLength(0);
  });

  test('vpn-vgw-bgp-dx: BGP over the VGW and a Direct Connect gateway associated with it', () => {
    const plan = plans['vpn-vgw-bgp-dx'];
    const vgw = onlyResourceOf(plan, 'aws_vpn_gateway');
    expect(after(onlyResourceOf(plan, 'aws_vpn_connection'), 'static_routes_only')).toBe(false);
    expect(resourcesOf(plan, 'aws_vpn_connection_route')).toHaveLength(0);
    const dx = onlyResourceOf(plan, 'aws_dx_gateway');
    expect(after(dx, 'amazon_side_asn')).toBe('64513');
    const association = onlyResourceOf(plan, 'aws_dx_gateway_association');
    expect(referencesOf(configOf(plan, association.address).associated_gateway_id)).toContain(
      `${vgw.address}.id`,
    );
    expect(after(association, 'allowed_prefixes')).toEqual([VPC]);
  });

  test('vpn-tgw-static-dx: the VPN and Direct Connect on a Transit Gateway, static routes to the VPN attachment', () => {
    const plan = plans['vpn-tgw-static-dx'];
    const tgw = onlyResourceOf(plan, 'aws_ec2_transit_gateway');
    expect(after(tgw, 'auto_accept_shared_attachments')).toBe('disable');
    const vpn = onlyResourceOf(plan, 'aws_vpn_connection');
    expect(referencesOf(configOf(plan, vpn.address).transit_gateway_id)).toContain(
      `${tgw.address}.id`,
    );
    expect(resourcesOf(plan, 'aws_vpn_gateway')).toHaveLength(0);
    expect(
      referencing(
        plan,
        'aws_ec2_transit_gateway_vpc_attachment',
        'transit_gateway_id',
        `${tgw.address}.id`,
      ),
    ).toHaveLength(1);
    const vpcRoutes = resourcesOf(plan, 'aws_route').filter(
      (r) => after(r, 'destination_cidr_block') === ON_PREMISES,
    );
    expect(vpcRoutes).toHaveLength(2);
    const tgwRoute = onlyResourceOf(plan, 'aws_ec2_transit_gateway_route');
    expect(after(tgwRoute, 'destination_cidr_block')).toBe(ON_PREMISES);
    expect(referencesOf(configOf(plan, tgwRoute.address).transit_gateway_attachment_id)).toContain(
      `${vpn.address}.transit_gateway_attachment_id`,
    );
    const association = onlyResourceOf(plan, 'aws_dx_gateway_association');
    expect(referencesOf(configOf(plan, association.address).associated_gateway_id)).toContain(
      `${tgw.address}.id`,
    );
  });

  test('vpn-tgw-bgp: BGP over the Transit Gateway, no static routes', () => {
    const plan = plans['vpn-tgw-bgp'];
    expect(after(onlyResourceOf(plan, 'aws_vpn_connection'), 'static_routes_only')).toBe(false);
    expect(resourcesOf(plan, 'aws_ec2_transit_gateway_route')).toHaveLength(0);
    expect(resourcesOf(plan, 'aws_dx_gateway_association')).toHaveLength(0);
  });

  test('no stack sets the account-wide API Gateway CloudWatch role: apps/account-settings owns it', () => {
    const owners = DEFAULT_STACKS.filter(
      (stack) => resourcesOf(plans[stack], 'aws_api_gateway_account').length > 0,
    );
    expect(owners).toEqual([]);
  });
});

describe('apps/on-premises Terraform warnings', () => {
  test('every stack plans with zero Terraform warnings (deprecated arguments and the like)', () => {
    expect(terraformWarningsOf(plans)).toEqual({});
  });
});
