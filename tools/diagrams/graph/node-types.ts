// How each drawn resource type becomes a node: its kind, its placement and its label.
import { TfResource, literal, valuesAt } from '../model';
import { Builder } from './builder';
import { NodeType } from './types';
export const LB_KIND: Record<string, string> = {
  network: 'NLB',
  application: 'ALB',
  gateway: 'GWLB',
};

/** A literal name from the first key that has one, else the Name tag, else the construct path. */
export function nameOf(r: TfResource, ...keys: string[]): string {
  for (const key of [...keys, 'tags.Name']) {
    const value = literal(r.config, key);
    if (value) return value;
  }
  const path = literal(r.config, '//.metadata.path');
  if (path) {
    const segments = path.split('/').slice(1);
    if (segments.length > 1 && segments[segments.length - 1] === 'resource') segments.pop();
    if (segments.length > 0) return segments.join('/');
  }
  return r.name.replace(/_[0-9A-F]{8}$/, '');
}

/** `ecr.api` from `com.amazonaws.us-east-1.ecr.api`. */
export function serviceOf(serviceName: string): string {
  return serviceName.replace(
    /^com\.amazonaws\.(vpce\.)?[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d\./,
    '',
  );
}

export const NODE_TYPES: Record<string, NodeType> = {
  aws_subnet: {
    kind: 'subnet',
    place: 'vpc',
    label: (r) => [
      `Subnet ${literal(r.config, 'availability_zone') ?? literal(r.config, 'availability_zone_id') ?? ''}`.trim(),
      literal(r.config, 'cidr_block') ?? '',
    ],
  },
  aws_vpc_endpoint: {
    kind: 'endpoint',
    place: 'vpc',
    label: (r, g) => {
      const service = literal(r.config, 'service_name');
      const type = literal(r.config, 'vpc_endpoint_type') ?? 'Gateway';
      const viaService = g
        .refs(r, 'service_name')
        .some((a) => g.typeOf(a) === 'aws_vpc_endpoint_service');
      const title = service
        ? `${serviceOf(service)} endpoint`
        : viaService
          ? 'PrivateLink endpoint'
          : 'VPC endpoint';
      const details = [type];
      if (type === 'Interface') {
        details.push(
          literal(r.config, 'private_dns_enabled') === 'true'
            ? 'private DNS on'
            : 'private DNS off',
        );
        const subnets = g.refs(r, 'subnet_ids').filter((a) => g.typeOf(a) === 'aws_subnet').length;
        if (subnets > 0) details.push(`${subnets} AZs`);
      }
      return [title, details.join(', ')];
    },
  },
  aws_vpc_endpoint_service: {
    kind: 'endpoint-service',
    place: 'region',
    label: (r) => [
      'Endpoint service (PrivateLink)',
      literal(r.config, 'acceptance_required') === 'true' ? 'acceptance required' : 'auto-accept',
    ],
  },
  aws_api_gateway_rest_api: {
    kind: 'rest-api',
    place: 'region',
    label: (r) => {
      const types = valuesAt(r.config, 'endpoint_configuration.types').filter(
        (t) => typeof t === 'string',
      );
      return [`REST API ${nameOf(r, 'name')}`, types.length ? types.join(', ') : 'EDGE'];
    },
  },
  aws_apigatewayv2_api: {
    kind: 'http-api',
    place: 'region',
    label: (r) => [`${literal(r.config, 'protocol_type') ?? 'HTTP'} API ${nameOf(r, 'name')}`],
  },
  aws_api_gateway_vpc_link: {
    kind: 'vpc-link',
    place: 'region',
    label: (r) => [`VPC link ${nameOf(r, 'name')}`, 'REST (v1), to NLB'],
  },
  aws_apigatewayv2_vpc_link: {
    kind: 'vpc-link',
    place: 'vpc',
    label: (r) => [`VPC link ${nameOf(r, 'name')}`, 'HTTP (v2)'],
  },
  aws_api_gateway_domain_name: {
    kind: 'domain',
    place: 'region',
    label: (r) => {
      const types = valuesAt(r.config, 'endpoint_configuration.types').filter(
        (t) => typeof t === 'string',
      );
      return [
        `Custom domain ${nameOf(r, 'domain_name')}`,
        types.length ? types.join(', ') : 'EDGE',
      ];
    },
  },
  aws_apigatewayv2_domain_name: {
    kind: 'domain',
    place: 'region',
    label: (r) => [
      `Custom domain ${nameOf(r, 'domain_name')}`,
      literal(r.config, 'domain_name_configuration.endpoint_type') ?? 'REGIONAL',
    ],
  },
  aws_lb: { kind: 'load-balancer', place: 'vpc', label: (r) => lbLabel(r) },
  aws_alb: { kind: 'load-balancer', place: 'vpc', label: (r) => lbLabel(r) },
  aws_lb_target_group: { kind: 'target-group', place: 'vpc', label: (r) => targetGroupLabel(r) },
  aws_alb_target_group: { kind: 'target-group', place: 'vpc', label: (r) => targetGroupLabel(r) },
  aws_ecs_service: {
    kind: 'ecs-service',
    place: 'vpc',
    label: (r) => {
      const count = literal(r.config, 'desired_count');
      const launch =
        literal(r.config, 'launch_type') ??
        (valuesAt(r.config, 'capacity_provider_strategy').length ? 'capacity providers' : 'EC2');
      return [
        `ECS service ${nameOf(r, 'name')}`,
        [launch, count ? `${count} tasks` : ''].filter(Boolean).join(', '),
      ];
    },
  },
  aws_lambda_function: {
    kind: 'lambda',
    place: 'vpc',
    label: (r) => [
      `Lambda ${nameOf(r, 'function_name')}`,
      literal(r.config, 'runtime') ?? 'container image',
    ],
  },
  aws_instance: {
    kind: 'ec2',
    place: 'vpc',
    label: (r, g) => [`EC2 ${nameOf(r, 'tags.Name')}`, instanceType(r, g)],
  },
  aws_autoscaling_group: {
    kind: 'asg',
    place: 'vpc',
    label: (r, g) => [
      `Auto Scaling group ${nameOf(r, 'name', 'name_prefix')}`,
      `${literal(r.config, 'min_size') ?? '?'}-${literal(r.config, 'max_size') ?? '?'} x ${instanceType(r, g)}`,
    ],
  },
  aws_service_discovery_service: {
    kind: 'cloud-map',
    place: 'region',
    label: (r) => {
      const types = valuesAt(r.config, 'dns_config.dns_records.type').filter(
        (t) => typeof t === 'string',
      );
      return [
        `Cloud Map service ${nameOf(r, 'name')}`,
        types.length ? `${types.join(', ')} records` : 'API discovery',
      ];
    },
  },
  aws_route53_record: {
    kind: 'record',
    place: 'zone',
    label: (r) => {
      const routing: string[] = [literal(r.config, 'type') ?? 'A'];
      if (valuesAt(r.config, 'alias').length) routing.push('alias');
      const failover = literal(r.config, 'failover_routing_policy.type');
      if (failover) routing.push(`failover ${failover}`);
      const weight = literal(r.config, 'weighted_routing_policy.weight');
      if (weight) routing.push(`weight ${weight}`);
      const latency = literal(r.config, 'latency_routing_policy.region');
      if (latency) routing.push(`latency ${latency}`);
      if (valuesAt(r.config, 'health_check_id').length) routing.push('health check');
      return [nameOf(r, 'name'), routing.join(', ')];
    },
  },
  aws_route53_resolver_endpoint: {
    kind: 'resolver-endpoint',
    place: 'vpc',
    label: (r) => [
      `Resolver ${(literal(r.config, 'direction') ?? '').toLowerCase()} endpoint`.replace(
        '  ',
        ' ',
      ),
      `${valuesAt(r.config, 'ip_address').length} addresses, port 53`,
    ],
  },
  aws_route53_resolver_rule: {
    kind: 'resolver-rule',
    place: 'region',
    label: (r) => {
      const targets = valuesAt(r.config, 'target_ip.ip').filter((ip) => typeof ip === 'string');
      return [
        `Resolver rule ${literal(r.config, 'rule_type') ?? 'FORWARD'} ${nameOf(r, 'domain_name')}`,
        targets.length ? `to ${targets.join(', ')}` : '',
      ];
    },
  },
  aws_ec2_transit_gateway: {
    kind: 'transit-gateway',
    place: 'region',
    label: (r) => [
      'Transit gateway',
      literal(r.config, 'auto_accept_shared_attachments') === 'enable'
        ? 'auto-accept on'
        : 'auto-accept off',
    ],
  },
  aws_vpn_gateway: {
    kind: 'vpn-gateway',
    place: 'vpc',
    label: (r) => [
      'Virtual private gateway',
      literal(r.config, 'amazon_side_asn') ? `ASN ${literal(r.config, 'amazon_side_asn')}` : '',
    ],
  },
  aws_customer_gateway: {
    kind: 'customer-gateway',
    place: 'on-premises',
    label: (r) => [
      `Customer gateway ${literal(r.config, 'ip_address') ?? ''}`.trim(),
      literal(r.config, 'bgp_asn') ? `BGP ASN ${literal(r.config, 'bgp_asn')}` : '',
    ],
  },
  aws_dx_gateway: {
    kind: 'dx-gateway',
    place: 'account',
    label: (r) => [`Direct Connect gateway ${nameOf(r, 'name')}`],
  },
};

/** The instance type, set directly or in the launch template the instance uses. */
export function instanceType(r: TfResource, g: Builder): string {
  const direct = literal(r.config, 'instance_type');
  if (direct) return direct;
  const template = g
    .refs(r, 'launch_template')
    .map((a) => g.resource(a))
    .find((t) => t?.type === 'aws_launch_template');
  return (template && literal(template.config, 'instance_type')) ?? 'instance type set at launch';
}

export function lbLabel(r: TfResource): string[] {
  const kind = LB_KIND[literal(r.config, 'load_balancer_type') ?? 'application'] ?? 'Load balancer';
  return [
    `${kind} ${nameOf(r, 'name', 'name_prefix')}`,
    literal(r.config, 'internal') === 'true' ? 'internal' : 'internet-facing',
  ];
}

export function targetGroupLabel(r: TfResource): string[] {
  const type = literal(r.config, 'target_type') ?? 'instance';
  const protocol = literal(r.config, 'protocol');
  const port = literal(r.config, 'port');
  return [
    `Target group ${nameOf(r, 'name', 'name_prefix')}`,
    [`${type} targets`, [protocol, port].filter(Boolean).join(' ')].filter(Boolean).join(', '),
  ];
}
