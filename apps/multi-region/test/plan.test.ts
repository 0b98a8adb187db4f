// Runs the real offline `terraform plan` of every apps/multi-region stack and asserts on plan.json.
import { checkPlanFile, errorsOf } from '@apigw-private/tools/guardrails';
import {
  PLAN_TIMEOUT_MS,
  ResourceChange,
  TerraformPlan,
  after,
  configOf,
  dataSourcesOf,
  planApp,
  planFileOfPlan,
  referencesOf,
  resourcesOf,
  terraformWarningsOf,
} from '@apigw-private/tools/testing/plan';

const STACKS = ['failover-nlb', 'failover-alb', 'weighted-nlb', 'weighted-alb'];
const REGIONS: Record<string, string> = { east: 'us-east-1', west: 'us-west-2' };

let plans: Record<string, TerraformPlan>;

beforeAll(async () => {
  plans = await planApp('multi-region');
}, PLAN_TIMEOUT_MS);

type ConfigEntry = {
  address: string;
  provider_config_key: string;
  expressions: Record<string, unknown>;
};
type ProviderConfig = Record<string, { expressions?: { region?: { constant_value?: string } } }>;

/** The Region a resource deploys into, read from its provider's configuration. */
function regionOf(plan: TerraformPlan, resource: ResourceChange): string {
  const configuration = plan.configuration as unknown as {
    provider_config: ProviderConfig;
    root_module: { resources: ConfigEntry[] };
  };
  const entry = configuration.root_module.resources.find((r) => r.address === resource.address);
  if (!entry) throw new Error(`no configuration for ${resource.address}`);
  const region =
    configuration.provider_config[entry.provider_config_key]?.expressions?.region?.constant_value;
  if (!region) throw new Error(`no Region for provider ${entry.provider_config_key}`);
  return region;
}

/** The resources of `type` that `resource`'s expression at `key` references. */
function referenced(
  plan: TerraformPlan,
  resource: ResourceChange,
  key: string,
  type: string,
): ResourceChange[] {
  const refs = referencesOf(configOf(plan, resource.address)[key]);
  return plan.resource_changes.filter((r) => r.type === type && refs.includes(r.address));
}

function one<T>(items: T[], what: string): T {
  if (items.length !== 1) throw new Error(`expected one ${what}, found ${items.length}`);
  return items[0];
}

function recordsBySetIdentifier(plan: TerraformPlan): Record<string, ResourceChange> {
  return Object.fromEntries(
    resourcesOf(plan, 'aws_route53_record').map((r) => [after<string>(r, 'set_identifier'), r]),
  );
}

describe('apps/multi-region plan', () => {
  test('plans the four variants', () => {
    expect(Object.keys(plans).sort()).toEqual([...STACKS].sort());
  });

  test.each(STACKS)('%s: no guardrail errors', async (stack) => {
    const report = await checkPlanFile(planFileOfPlan(plans[stack]));
    expect(errorsOf(report).map((f) => `${f.rule} ${f.address}: ${f.message}`)).toEqual([]);
  });

  test.each(['failover-nlb', 'failover-alb'])(
    '%s: PRIMARY record for east, SECONDARY for west, no weights',
    (stack) => {
      const records = recordsBySetIdentifier(plans[stack]);
      expect(Object.keys(records).sort()).toEqual(['east', 'west']);
      expect(after(records.east, 'failover_routing_policy')).toEqual([{ type: 'PRIMARY' }]);
      expect(after(records.west, 'failover_routing_policy')).toEqual([{ type: 'SECONDARY' }]);
      for (const record of Object.values(records)) {
        expect(after(record, 'weighted_routing_policy')).toEqual([]);
        expect(after(record, 'name')).toBe(`${stack}.internal.example.com`);
        expect(after(record, 'type')).toBe('A');
      }
    },
  );

  test.each(['weighted-nlb', 'weighted-alb'])(
    '%s: weighted records with the weights from config, no failover',
    (stack) => {
      const records = recordsBySetIdentifier(plans[stack]);
      expect(Object.keys(records).sort()).toEqual(['east', 'west']);
      expect(after(records.east, 'weighted_routing_policy')).toEqual([{ weight: 192 }]);
      expect(after(records.west, 'weighted_routing_policy')).toEqual([{ weight: 64 }]);
      for (const record of Object.values(records))
        expect(after(record, 'failover_routing_policy')).toEqual([]);
    },
  );

  test.each(STACKS)(
    "%s: each record aliases its Region's load balancer with target health and a CLOUDWATCH_METRIC health check on HealthyHostCount",
    (stack) => {
      const plan = plans[stack];
      const namespace = stack.endsWith('nlb') ? 'AWS/NetworkELB' : 'AWS/ApplicationELB';
      for (const [key, record] of Object.entries(recordsBySetIdentifier(plan))) {
        const region = REGIONS[key];
        const alias = after<{ evaluate_target_health: boolean }[]>(record, 'alias');
        expect(alias[0].evaluate_target_health).toBe(true);
        const aliasConfig = configOf(plan, record.address).alias as {
          name: unknown;
          zone_id: unknown;
        }[];
        const lb = one(
          plan.resource_changes.filter(
            (r) => r.type === 'aws_lb' && referencesOf(aliasConfig[0].name).includes(r.address),
          ),
          `load balancer behind ${record.address}`,
        );
        expect(regionOf(plan, lb)).toBe(region);
        expect(referencesOf(aliasConfig[0].zone_id)).toContain(`${lb.address}.zone_id`);

        const check = one(
          referenced(plan, record, 'health_check_id', 'aws_route53_health_check'),
          `health check of ${record.address}`,
        );
        expect(after(check, 'type')).toBe('CLOUDWATCH_METRIC');
        expect(after(check, 'cloudwatch_alarm_region')).toBe(region);
        expect(after(check, 'insufficient_data_health_status')).toBe('LastKnownStatus');
        const alarm = one(
          referenced(plan, check, 'cloudwatch_alarm_name', 'aws_cloudwatch_metric_alarm'),
          `alarm of ${check.address}`,
        );
        expect(regionOf(plan, alarm)).toBe(region);
        expect(after(alarm, 'metric_name')).toBe('HealthyHostCount');
        expect(after(alarm, 'namespace')).toBe(namespace);
        expect(after(alarm, 'comparison_operator')).toBe('LessThanThreshold');
        expect(after(alarm, 'threshold')).toBe(1);
        expect(after(alarm, 'evaluation_periods')).toBe(2);
        expect(after(alarm, 'treat_missing_data')).toBe('breaching');
        const dimensions = configOf(plan, alarm.address).dimensions as { references?: string[] };
        expect(dimensions.references).toEqual(expect.arrayContaining([`${lb.address}.arn_suffix`]));
      }
      // Route 53 checkers cannot reach private addresses: no endpoint-probing checks at all.
      for (const check of resourcesOf(plan, 'aws_route53_health_check')) {
        expect(after(check, 'type')).toBe('CLOUDWATCH_METRIC');
        expect(after(check, 'ip_address')).toBeNull();
        expect(after(check, 'fqdn')).toBeNull();
      }
    },
  );

  test.each(STACKS)(
    "%s: each Region's listener uses an allow-listed TLS policy and that Region's certificate",
    (stack) => {
      const plan = plans[stack];
      const listeners = resourcesOf(plan, 'aws_lb_listener');
      expect(listeners.map((l) => regionOf(plan, l)).sort()).toEqual(['us-east-1', 'us-west-2']);
      for (const listener of listeners) {
        const region = regionOf(plan, listener);
        expect(after(listener, 'protocol')).toBe(stack.endsWith('nlb') ? 'TLS' : 'HTTPS');
        expect(after(listener, 'port')).toBe(443);
        expect(after(listener, 'ssl_policy')).toBe('ELBSecurityPolicy-TLS13-1-2-2021-06');
        expect(after<string>(listener, 'certificate_arn')).toMatch(
          new RegExp(`^arn:aws:acm:${region}:111111111111:certificate/`),
        );
      }
      for (const lb of resourcesOf(plan, 'aws_lb')) {
        expect(after(lb, 'internal')).toBe(true);
        expect(after(lb, 'load_balancer_type')).toBe(
          stack.endsWith('nlb') ? 'network' : 'application',
        );
      }
    },
  );

  test.each(STACKS)(
    "%s: target groups health-check API Gateway's /ping expecting 200 on the endpoint addresses",
    (stack) => {
      const plan = plans[stack];
      const groups = resourcesOf(plan, 'aws_lb_target_group');
      expect(groups).toHaveLength(2);
      for (const group of groups) {
        expect(after(group, 'target_type')).toBe('ip');
        expect(after(group, 'protocol')).toBe(stack.endsWith('nlb') ? 'TLS' : 'HTTPS');
        expect(after(group, 'health_check')).toEqual([
          expect.objectContaining({
            enabled: true,
            protocol: 'HTTPS',
            path: '/ping',
            matcher: '200',
          }),
        ]);
      }
      // Two endpoint addresses per Region, read from the endpoint's network interfaces.
      const interfaces = dataSourcesOf(plan, 'aws_network_interface').map((d) => d.address);
      expect(interfaces).toHaveLength(4);
      const attachments = resourcesOf(plan, 'aws_lb_target_group_attachment');
      expect(attachments).toHaveLength(4);
      for (const attachment of attachments) {
        const refs = referencesOf(configOf(plan, attachment.address).target_id);
        expect(refs.some((r) => interfaces.includes(r))).toBe(true);
      }
    },
  );

  test.each(STACKS)('%s: the private hosted zone is associated with both VPCs', (stack) => {
    const plan = plans[stack];
    const zone = one(resourcesOf(plan, 'aws_route53_zone'), 'zone');
    expect(after(zone, 'name')).toBe('internal.example.com');
    const vpcs = configOf(plan, zone.address).vpc as {
      vpc_id: unknown;
      vpc_region: { constant_value: string };
    }[];
    const byRegion = Object.fromEntries(
      vpcs.map((v) => [
        v.vpc_region.constant_value,
        referencesOf(v.vpc_id).find((r) => !r.endsWith('.id')),
      ]),
    );
    const vpcOf = (region: string) =>
      one(
        resourcesOf(plan, 'aws_vpc').filter((v) => regionOf(plan, v) === region),
        `VPC in ${region}`,
      ).address;
    expect(byRegion).toEqual({ 'us-east-1': vpcOf('us-east-1'), 'us-west-2': vpcOf('us-west-2') });
  });

  test.each(STACKS)(
    '%s: an inbound resolver endpoint in each Region, in two AZs, DNS only from named networks',
    (stack) => {
      const plan = plans[stack];
      const resolvers = resourcesOf(plan, 'aws_route53_resolver_endpoint');
      expect(resolvers.map((r) => regionOf(plan, r)).sort()).toEqual(['us-east-1', 'us-west-2']);
      for (const resolver of resolvers) {
        expect(after(resolver, 'direction')).toBe('INBOUND');
        const addresses = configOf(plan, resolver.address).ip_address as { subnet_id: unknown }[];
        const subnets = new Set(
          addresses.map((a) =>
            referencesOf(a.subnet_id).find(
              (r) => r.startsWith('aws_subnet.') && !r.endsWith('.id'),
            ),
          ),
        );
        expect(subnets.size).toBe(2);
        const zones = [...subnets].map((s) =>
          after(
            plan.resource_changes.find((r) => r.address === s)!,
            'availability_zone',
          ),
        );
        expect(new Set(zones).size).toBe(2);
        const groups = referencesOf(configOf(plan, resolver.address).security_group_ids);
        const ingress = resourcesOf(plan, 'aws_vpc_security_group_ingress_rule').filter((rule) =>
          referencesOf(configOf(plan, rule.address).security_group_id).some((ref) =>
            groups.includes(ref),
          ),
        );
        expect(
          ingress
            .map((rule) => [
              after(rule, 'ip_protocol'),
              after(rule, 'from_port'),
              after(rule, 'cidr_ipv4'),
            ])
            .sort(),
        ).toEqual([
          ['tcp', 53, '10.200.0.0/16'],
          ['udp', 53, '10.200.0.0/16'],
        ]);
      }
    },
  );

  test.each(STACKS)(
    "%s: a Regional custom domain per Region with TLS_1_2 and that Region's certificate, mapped to the stage",
    (stack) => {
      const plan = plans[stack];
      const domains = resourcesOf(plan, 'aws_api_gateway_domain_name');
      expect(domains.map((d) => regionOf(plan, d)).sort()).toEqual(['us-east-1', 'us-west-2']);
      for (const domain of domains) {
        expect(after(domain, 'domain_name')).toBe(`${stack}.internal.example.com`);
        expect(after(domain, 'security_policy')).toBe('TLS_1_2');
        expect(after(domain, 'endpoint_configuration')).toEqual([
          expect.objectContaining({ types: ['REGIONAL'] }),
        ]);
        expect(after<string>(domain, 'regional_certificate_arn')).toMatch(
          new RegExp(`^arn:aws:acm:${regionOf(plan, domain)}:`),
        );
        const mappings = resourcesOf(plan, 'aws_api_gateway_base_path_mapping').filter((m) =>
          referencesOf(configOf(plan, m.address).domain_name).includes(domain.address),
        );
        expect(mappings).toHaveLength(1);
        expect(regionOf(plan, mappings[0])).toBe(regionOf(plan, domain));
        const api = one(
          referenced(plan, mappings[0], 'api_id', 'aws_api_gateway_rest_api'),
          'mapped API',
        );
        expect(after(api, 'endpoint_configuration')).toEqual([
          expect.objectContaining({ types: ['PRIVATE'] }),
        ]);
        expect(regionOf(plan, api)).toBe(regionOf(plan, domain));
      }
    },
  );

  test.each(STACKS)('%s: the VPCs are peered across Regions', (stack) => {
    const plan = plans[stack];
    const connection = one(resourcesOf(plan, 'aws_vpc_peering_connection'), 'peering connection');
    expect(regionOf(plan, connection)).toBe('us-east-1');
    expect(after(connection, 'peer_region')).toBe('us-west-2');
    const accepter = one(
      resourcesOf(plan, 'aws_vpc_peering_connection_accepter'),
      'peering accepter',
    );
    expect(regionOf(plan, accepter)).toBe('us-west-2');
  });

  test.each(STACKS)(
    '%s leaves the API Gateway CloudWatch role to apps/account-settings',
    (stack) => {
      expect(resourcesOf(plans[stack], 'aws_api_gateway_account')).toHaveLength(0);
    },
  );
});

describe('apps/multi-region Terraform warnings', () => {
  test('every stack plans with zero Terraform warnings (deprecated arguments and the like)', () => {
    expect(terraformWarningsOf(plans)).toEqual({});
  });
});
