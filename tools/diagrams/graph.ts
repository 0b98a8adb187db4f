// Turns one synthesized stack into a diagram graph: groups (accounts, Regions, VPCs, hosted
// zones, on-premises), the nodes a request meets (endpoints, APIs, VPC links, load balancers,
// target groups, compute, DNS, gateways) and the edges it follows, all derived from the
// references between resources. Generic over any stack: nothing here knows an app.
import { cidrContains, isCidr } from '@apigw-private/constructs/config/cidr';
import {
  DEFAULT_PROVIDER,
  ProviderTarget,
  StackModel,
  TfResource,
  literal,
  referencesIn,
  valuesAt,
} from './model';

export type GroupKind = 'on-premises' | 'account' | 'region' | 'vpc' | 'zone';

export interface Group {
  readonly id: string;
  readonly kind: GroupKind;
  readonly label: readonly string[];
  /** Enclosing group; top-level groups have none. */
  readonly parent?: string;
  /** Terraform address of the resource behind the group (VPCs and zones). */
  readonly address?: string;
}

export type NodeKind =
  | 'subnet'
  | 'endpoint'
  | 'endpoint-service'
  | 'rest-api'
  | 'http-api'
  | 'vpc-link'
  | 'domain'
  | 'load-balancer'
  | 'target-group'
  | 'ip-targets'
  | 'clients'
  | 'ecs-service'
  | 'lambda'
  | 'ec2'
  | 'asg'
  | 'cloud-map'
  | 'record'
  | 'resolver-endpoint'
  | 'resolver-rule'
  | 'transit-gateway'
  | 'vpn-gateway'
  | 'customer-gateway'
  | 'dx-gateway';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Lines of the label; the first names the thing. */
  readonly label: readonly string[];
  readonly group: string;
  readonly address: string;
}

/**
 * `request`: the path a call takes; `network`: connectivity (attachments, peering, VPN), drawn
 * both ways; `dns`: a name that resolves to its target; `allowed`: a security group rule that
 * lets one node reach another where no request edge already shows it.
 */
export type EdgeKind = 'request' | 'network' | 'dns' | 'allowed';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface Graph {
  readonly stack: string;
  readonly groups: readonly Group[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

type Placement = 'vpc' | 'region' | 'account' | 'zone' | 'on-premises';

interface NodeType {
  readonly kind: NodeKind;
  readonly place: Placement;
  readonly label: (r: TfResource, g: Builder) => string[];
}

const LB_KIND: Record<string, string> = { network: 'NLB', application: 'ALB', gateway: 'GWLB' };

/** A literal name from the first key that has one, else the Name tag, else the construct path. */
function nameOf(r: TfResource, ...keys: string[]): string {
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
function serviceOf(serviceName: string): string {
  return serviceName.replace(
    /^com\.amazonaws\.(vpce\.)?[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d\./,
    '',
  );
}

const NODE_TYPES: Record<string, NodeType> = {
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
function instanceType(r: TfResource, g: Builder): string {
  const direct = literal(r.config, 'instance_type');
  if (direct) return direct;
  const template = g
    .refs(r, 'launch_template')
    .map((a) => g.resource(a))
    .find((t) => t?.type === 'aws_launch_template');
  return (template && literal(template.config, 'instance_type')) ?? 'instance type set at launch';
}

function lbLabel(r: TfResource): string[] {
  const kind = LB_KIND[literal(r.config, 'load_balancer_type') ?? 'application'] ?? 'Load balancer';
  return [
    `${kind} ${nameOf(r, 'name', 'name_prefix')}`,
    literal(r.config, 'internal') === 'true' ? 'internal' : 'internet-facing',
  ];
}

function targetGroupLabel(r: TfResource): string[] {
  const type = literal(r.config, 'target_type') ?? 'instance';
  const protocol = literal(r.config, 'protocol');
  const port = literal(r.config, 'port');
  return [
    `Target group ${nameOf(r, 'name', 'name_prefix')}`,
    [`${type} targets`, [protocol, port].filter(Boolean).join(' ')].filter(Boolean).join(', '),
  ];
}

/** Kinds a client (compute) may call, most specific first: the first kind found wins. */
const CLIENT_TARGETS: readonly NodeKind[][] = [
  ['record'],
  ['domain'],
  ['load-balancer', 'endpoint'],
  ['rest-api', 'http-api'],
];
const CLIENT_KINDS: readonly NodeKind[] = ['lambda', 'ec2', 'asg', 'ecs-service'];

const sanitize = (text: string) => text.replace(/[^A-Za-z0-9_]/g, '_');

class Builder {
  readonly groups = new Map<string, Group>();
  readonly nodes = new Map<string, GraphNode>();
  private readonly edges = new Map<string, GraphEdge>();
  /** Address -> node ID, for drawn resources. */
  private readonly nodeOf = new Map<string, string>();
  /** VPC address -> group ID. */
  private readonly vpcGroups = new Map<string, string>();
  private readonly zoneGroups = new Map<string, string>();
  private readonly ids = new Set<string>();

  constructor(readonly model: StackModel) {}

  resource(address: string): TfResource | undefined {
    return this.model.resources.get(address);
  }

  typeOf(address: string): string | undefined {
    return this.resource(address)?.type;
  }

  refs(r: TfResource, path?: string): string[] {
    return referencesIn(path ? valuesAt(r.config, path) : r.config, this.model.resources);
  }

  ofType(...types: string[]): TfResource[] {
    return [...this.model.resources.values()].filter(
      (r) => r.mode === 'managed' && types.includes(r.type),
    );
  }

  /** A stable, readable Mermaid ID from the logical name (the cdktf hash suffix dropped when unique). */
  private uniqueId(prefix: string, r: TfResource): string {
    const short = `${prefix}_${sanitize(r.name.replace(/_[0-9A-F]{8}$/, ''))}`;
    const id = this.ids.has(short) ? `${prefix}_${sanitize(r.type)}_${sanitize(r.name)}` : short;
    this.ids.add(id);
    return id;
  }

  private target(provider: string): ProviderTarget {
    return (
      this.model.providers.get(provider) ??
      this.model.providers.get(DEFAULT_PROVIDER) ?? { key: provider, region: 'unknown-region' }
    );
  }

  accountGroup(provider: string): string {
    const target = this.target(provider);
    const key = target.accountId ?? `provider_${target.key}`;
    const id = `g_acct_${sanitize(key)}`;
    if (!this.groups.has(id)) {
      const label = target.accountId
        ? `Account ${target.accountId}`
        : target.key === DEFAULT_PROVIDER
          ? 'Stack account'
          : `Account of provider aws.${target.key}`;
      this.groups.set(id, { id, kind: 'account', label: [label] });
    }
    return id;
  }

  regionGroup(provider: string): string {
    const target = this.target(provider);
    const parent = this.accountGroup(provider);
    const id = `${parent.replace(/^g_acct_/, 'g_reg_')}_${sanitize(target.region)}`;
    if (!this.groups.has(id))
      this.groups.set(id, { id, kind: 'region', label: [target.region], parent });
    return id;
  }

  onPremisesGroup(): string {
    const id = 'g_on_premises';
    if (!this.groups.has(id))
      this.groups.set(id, { id, kind: 'on-premises', label: ['On-premises network'] });
    return id;
  }

  buildGroups(): void {
    for (const vpc of this.ofType('aws_vpc')) {
      const id = this.uniqueId('g_vpc', vpc);
      this.vpcGroups.set(vpc.address, id);
      this.groups.set(id, {
        id,
        kind: 'vpc',
        label: [
          `VPC ${nameOf(vpc, 'tags.Name')}`,
          literal(vpc.config, 'cidr_block') ?? 'IPAM CIDR',
        ],
        parent: this.regionGroup(vpc.provider),
        address: vpc.address,
      });
    }
    for (const zone of this.ofType('aws_route53_zone')) {
      const id = this.uniqueId('g_zone', zone);
      this.zoneGroups.set(zone.address, id);
      const vpcs = valuesAt(zone.config, 'vpc').length;
      this.groups.set(id, {
        id,
        kind: 'zone',
        label: [
          vpcs
            ? `Private hosted zone ${nameOf(zone, 'name')}`
            : `Public hosted zone ${nameOf(zone, 'name')}`,
          vpcs ? `${vpcs} VPCs` : '',
        ],
        parent: this.accountGroup(zone.provider),
        address: zone.address,
      });
    }
  }

  /** The VPC group a resource sits in, through its VPC, subnets or security groups. */
  vpcGroupOf(r: TfResource, depth = 2): string | undefined {
    const refs = this.refs(r);
    for (const type of ['aws_vpc', 'aws_subnet', 'aws_security_group', 'aws_launch_template']) {
      for (const ref of refs.filter((a) => this.typeOf(a) === type)) {
        if (type === 'aws_vpc') return this.vpcGroups.get(ref);
        if (depth > 0) {
          const found = this.vpcGroupOf(this.resource(ref)!, depth - 1);
          if (found) return found;
        }
      }
    }
    return undefined;
  }

  buildNodes(): void {
    for (const r of [...this.model.resources.values()].filter(
      (x) => x.mode === 'managed' && NODE_TYPES[x.type],
    )) {
      const spec = NODE_TYPES[r.type];
      let group: string | undefined;
      if (spec.place === 'vpc') group = this.vpcGroupOf(r);
      if (spec.place === 'zone')
        group = this.refs(r, 'zone_id')
          .map((a) => this.zoneGroups.get(a))
          .find(Boolean);
      if (spec.place === 'on-premises') group = this.onPremisesGroup();
      if (spec.place === 'account' || (spec.place === 'zone' && !group))
        group = this.accountGroup(r.provider);
      group ??= this.regionGroup(r.provider);
      const id = this.uniqueId('n', r);
      this.nodeOf.set(r.address, id);
      this.nodes.set(id, {
        id,
        kind: spec.kind,
        label: spec.label(r, this).filter(Boolean),
        group,
        address: r.address,
      });
    }
  }

  node(address: string): GraphNode | undefined {
    const id = this.nodeOf.get(address);
    return id ? this.nodes.get(id) : undefined;
  }

  /**
   * The drawn resources an address leads to: itself when drawn; a listener's load balancer;
   * otherwise what its references lead to, through resources that are not drawn.
   */
  resolve(address: string, depth = 3, seen = new Set<string>()): GraphNode[] {
    if (seen.has(address)) return [];
    seen.add(address);
    const drawn = this.node(address);
    if (drawn) return [drawn];
    const r = this.resource(address);
    if (!r || depth === 0) return [];
    if (r.type === 'aws_lb_listener' || r.type === 'aws_alb_listener') {
      return this.refs(r, 'load_balancer_arn').flatMap((a) => this.resolve(a, depth - 1, seen));
    }
    if (r.type === 'aws_lb_listener_rule' || r.type === 'aws_alb_listener_rule') {
      return this.refs(r, 'listener_arn').flatMap((a) => this.resolve(a, depth - 1, seen));
    }
    return unique(this.refs(r).flatMap((a) => this.resolve(a, depth - 1, seen)));
  }

  resolveAll(r: TfResource, path: string): GraphNode[] {
    return unique(this.refs(r, path).flatMap((a) => this.resolve(a)));
  }

  edge(
    from: GraphNode | string | undefined,
    to: GraphNode | string | undefined,
    kind: EdgeKind,
    label?: string,
  ): void {
    const a = typeof from === 'string' ? from : from?.id;
    const b = typeof to === 'string' ? to : to?.id;
    if (!a || !b || a === b) return;
    const cleanLabel = label?.replace(/[^A-Za-z0-9 :/._-]/g, '').trim() || undefined;
    const key = `${a}|${b}|${kind}|${cleanLabel ?? ''}`;
    this.edges.set(key, { from: a, to: b, kind, label: cleanLabel });
  }

  hasEdgeBetween(a: string, b: string, hops: number): boolean {
    const request = [...this.edges.values()].filter((e) => e.kind !== 'allowed');
    const next = (ids: Set<string>) =>
      new Set(request.filter((e) => ids.has(e.from)).map((e) => e.to));
    for (const [start, end] of [
      [a, b],
      [b, a],
    ]) {
      let frontier = new Set([start]);
      for (let i = 0; i < hops; i++) {
        frontier = next(frontier);
        if (frontier.has(end)) return true;
      }
    }
    return false;
  }

  hasIncomingRequest(id: string): boolean {
    return [...this.edges.values()].some((e) => e.to === id && e.kind === 'request');
  }

  /** Security groups a drawn resource uses, directly or through its launch template. */
  securityGroupsOf(node: GraphNode): string[] {
    const r = this.resource(node.address);
    if (!r) return [];
    const direct = this.refs(r);
    const viaTemplate = direct
      .filter((a) => this.typeOf(a) === 'aws_launch_template')
      .flatMap((a) => this.refs(this.resource(a)!));
    return unique([...direct, ...viaTemplate]).filter(
      (a) => this.typeOf(a) === 'aws_security_group',
    );
  }

  edgeList(): GraphEdge[] {
    return [...this.edges.values()];
  }

  vpcGroup(address: string): string | undefined {
    return this.vpcGroups.get(address);
  }
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function addApiEdges(g: Builder): void {
  for (const api of g.ofType('aws_api_gateway_rest_api')) {
    for (const endpoint of g.resolveAll(api, 'endpoint_configuration.vpc_endpoint_ids')) {
      g.edge(endpoint, g.node(api.address), 'request', 'execute-api');
    }
  }
  for (const integration of g.ofType('aws_api_gateway_integration')) {
    const api = g.resolveAll(integration, 'rest_api_id')[0];
    const type = literal(integration.config, 'type') ?? 'integration';
    const link = g.resolveAll(integration, 'connection_id').find((n) => n.kind === 'vpc-link');
    if (link) g.edge(api, link, 'request', type);
    else
      for (const target of g.resolveAll(integration, 'uri')) g.edge(api, target, 'request', type);
  }
  for (const link of g.ofType('aws_api_gateway_vpc_link')) {
    for (const target of g.resolveAll(link, 'target_arns'))
      g.edge(g.node(link.address), target, 'request');
  }
  for (const integration of g.ofType('aws_apigatewayv2_integration')) {
    const api = g.resolveAll(integration, 'api_id')[0];
    const type = literal(integration.config, 'integration_type') ?? 'integration';
    const link = g.resolveAll(integration, 'connection_id').find((n) => n.kind === 'vpc-link');
    const targets = g.resolveAll(integration, 'integration_uri');
    if (link) {
      g.edge(api, link, 'request', type);
      for (const target of targets) g.edge(link, target, 'request');
    } else {
      for (const target of targets) g.edge(api, target, 'request', type);
    }
  }
  for (const mapping of g.ofType(
    'aws_api_gateway_base_path_mapping',
    'aws_apigatewayv2_api_mapping',
  )) {
    const api = g.resolveAll(mapping, 'api_id')[0];
    const path = literal(mapping.config, 'base_path') ?? literal(mapping.config, 'api_mapping_key');
    for (const domain of [
      ...g.resolveAll(mapping, 'domain_name'),
      ...g.resolveAll(mapping, 'domain_name_id'),
    ]) {
      g.edge(domain, api, 'request', path ? `/${path}` : 'base path');
    }
  }
  for (const association of g.ofType('aws_api_gateway_domain_name_access_association')) {
    for (const endpoint of g.resolveAll(association, 'access_association_source')) {
      for (const domain of g.resolveAll(association, 'domain_name_arn'))
        g.edge(endpoint, domain, 'request', 'access association');
    }
  }
  for (const service of g.ofType('aws_vpc_endpoint_service')) {
    for (const lb of g.resolveAll(service, 'network_load_balancer_arns'))
      g.edge(g.node(service.address), lb, 'request', 'PrivateLink');
  }
  for (const endpoint of g.ofType('aws_vpc_endpoint')) {
    for (const service of g.resolveAll(endpoint, 'service_name'))
      g.edge(g.node(endpoint.address), service, 'request', 'PrivateLink');
  }
}

function addLoadBalancingEdges(g: Builder): void {
  const listenerLabel = (r: TfResource) =>
    [literal(r.config, 'protocol'), literal(r.config, 'port')].filter(Boolean).join(' ');
  const targetGroupsOf = (r: TfResource, prefix: string) =>
    unique([
      ...g.resolveAll(r, `${prefix}.target_group_arn`),
      ...g.resolveAll(r, `${prefix}.forward.target_group.arn`),
    ]).filter((n) => n.kind === 'target-group');
  for (const listener of g.ofType('aws_lb_listener', 'aws_alb_listener')) {
    for (const lb of g.resolveAll(listener, 'load_balancer_arn')) {
      for (const tg of targetGroupsOf(listener, 'default_action'))
        g.edge(lb, tg, 'request', listenerLabel(listener));
    }
  }
  for (const rule of g.ofType('aws_lb_listener_rule', 'aws_alb_listener_rule')) {
    const listener = g
      .refs(rule, 'listener_arn')
      .map((a) => g.resource(a))
      .find(Boolean);
    for (const lb of g.resolveAll(rule, 'listener_arn')) {
      for (const tg of targetGroupsOf(rule, 'action'))
        g.edge(lb, tg, 'request', listener ? `${listenerLabel(listener)} rule` : 'rule');
    }
  }
  const ipTargets = new Map<string, string[]>();
  for (const attachment of g.ofType(
    'aws_lb_target_group_attachment',
    'aws_alb_target_group_attachment',
  )) {
    const port = literal(attachment.config, 'port');
    for (const tg of g.resolveAll(attachment, 'target_group_arn')) {
      const targets = g.resolveAll(attachment, 'target_id');
      if (targets.length > 0) {
        for (const target of targets)
          g.edge(tg, target, 'request', port ? `port ${port}` : undefined);
      } else {
        const list = ipTargets.get(tg.id) ?? [];
        list.push(literal(attachment.config, 'target_id') ?? 'address known at apply');
        ipTargets.set(tg.id, list);
      }
    }
  }
  for (const [tgId, targets] of [...ipTargets.entries()].sort()) {
    const tg = g.nodes.get(tgId)!;
    const id = `${tgId}_targets`;
    const shown = unique(targets).sort();
    g.nodes.set(id, {
      id,
      kind: 'ip-targets',
      label: [
        `${shown.length === 1 ? 'Target' : `${shown.length} targets`}`,
        shown.slice(0, 4).join(', ') + (shown.length > 4 ? ', ...' : ''),
      ],
      group: tg.group,
      address: `${tg.address}#targets`,
    });
    g.edge(tg, id, 'request');
  }
  for (const service of g.ofType('aws_ecs_service')) {
    const node = g.node(service.address);
    for (const balancer of valuesAt(service.config, 'load_balancer')) {
      const refs = referencesIn(
        (balancer as Record<string, unknown>).target_group_arn,
        g.model.resources,
      );
      const port = literal(balancer, 'container_port');
      for (const tg of refs.flatMap((a) => g.resolve(a)))
        g.edge(tg, node, 'request', port ? `port ${port}` : undefined);
    }
    for (const registry of g.resolveAll(service, 'service_registries.registry_arn'))
      g.edge(registry, node, 'request', 'service discovery');
  }
  for (const asg of g.ofType('aws_autoscaling_group')) {
    for (const tg of g.resolveAll(asg, 'target_group_arns'))
      g.edge(tg, g.node(asg.address), 'request');
  }
  for (const attachment of g.ofType('aws_autoscaling_attachment')) {
    for (const tg of g.resolveAll(attachment, 'lb_target_group_arn')) {
      for (const asg of g.resolveAll(attachment, 'autoscaling_group_name'))
        g.edge(tg, asg, 'request');
    }
  }
}

function addDnsEdges(g: Builder): void {
  for (const record of g.ofType('aws_route53_record')) {
    const node = g.node(record.address);
    for (const target of g.resolveAll(record, 'alias.name')) g.edge(node, target, 'dns', 'alias');
    for (const target of g.resolveAll(record, 'records'))
      g.edge(node, target, 'dns', literal(record.config, 'type'));
  }
  for (const rule of g.ofType('aws_route53_resolver_rule')) {
    for (const endpoint of g.resolveAll(rule, 'resolver_endpoint_id'))
      g.edge(endpoint, g.node(rule.address), 'dns', 'forwards');
  }
}

function addNetworkEdges(g: Builder): void {
  const vpcOf = (r: TfResource, path: string) =>
    g
      .refs(r, path)
      .map((a) => g.vpcGroup(a))
      .find(Boolean);
  for (const attachment of g.ofType('aws_ec2_transit_gateway_vpc_attachment')) {
    for (const tgw of g.resolveAll(attachment, 'transit_gateway_id'))
      g.edge(vpcOf(attachment, 'vpc_id'), tgw, 'network', 'attachment');
  }
  for (const peering of g.ofType('aws_ec2_transit_gateway_peering_attachment')) {
    const [a] = g.resolveAll(peering, 'transit_gateway_id');
    for (const b of g.resolveAll(peering, 'peer_transit_gateway_id'))
      g.edge(a, b, 'network', 'TGW peering');
  }
  for (const peering of g.ofType('aws_vpc_peering_connection')) {
    g.edge(vpcOf(peering, 'vpc_id'), vpcOf(peering, 'peer_vpc_id'), 'network', 'VPC peering');
  }
  for (const vpn of g.ofType('aws_vpn_connection')) {
    const gateways = [
      ...g.resolveAll(vpn, 'vpn_gateway_id'),
      ...g.resolveAll(vpn, 'transit_gateway_id'),
    ];
    for (const customer of g.resolveAll(vpn, 'customer_gateway_id')) {
      for (const gateway of gateways) g.edge(customer, gateway, 'network', 'site-to-site VPN');
    }
  }
  for (const association of g.ofType('aws_dx_gateway_association')) {
    for (const dx of g.resolveAll(association, 'dx_gateway_id')) {
      for (const gateway of g.resolveAll(association, 'associated_gateway_id'))
        g.edge(dx, gateway, 'network', 'Direct Connect');
    }
  }
}

/** Compute that calls an API: what its settings, its launch template or its IAM role point at. */
function addClientEdges(g: Builder): void {
  const reach = (start: TfResource, seen: Set<string>, found: GraphNode[]) => {
    const visit = (address: string, depth: number) => {
      if (seen.has(address) || depth > 5) return;
      seen.add(address);
      const drawn = g.node(address);
      if (drawn && address !== start.address) {
        found.push(drawn);
        return;
      }
      const r = g.resource(address);
      if (r) for (const ref of g.refs(r)) visit(ref, depth + 1);
    };
    visit(start.address, 0);
  };
  const policyTypes = [
    'aws_iam_role_policy',
    'aws_iam_role_policy_attachment',
    'aws_iam_policy_attachment',
  ];
  const policies = g.ofType(...policyTypes);
  for (const client of [...g.nodes.values()].filter((n) => CLIENT_KINDS.includes(n.kind))) {
    const r = g.resource(client.address)!;
    const seen = new Set<string>();
    const found: GraphNode[] = [];
    reach(r, seen, found);
    // Permissions attach to the role from outside: follow the policies of the roles it uses.
    for (const policy of policies) {
      const roles = [...g.refs(policy, 'role'), ...g.refs(policy, 'roles')];
      if (roles.some((role) => seen.has(role))) {
        const policySeen = new Set(seen);
        policySeen.delete(policy.address);
        reach(policy, policySeen, found);
      }
    }
    const targets =
      CLIENT_TARGETS.map((kinds) => unique(found.filter((n) => kinds.includes(n.kind)))).find(
        (list) => list.length > 0,
      ) ?? [];
    for (const target of targets) {
      if (target.kind === 'rest-api') {
        // A private API is reached through its endpoint in the client's VPC.
        const api = g.resource(target.address)!;
        const endpoints = g
          .resolveAll(api, 'endpoint_configuration.vpc_endpoint_ids')
          .filter((e) => e.group === client.group);
        if (endpoints.length > 0) {
          for (const endpoint of endpoints) g.edge(client, endpoint, 'request', 'HTTPS');
          continue;
        }
      }
      g.edge(client, target, 'request', 'HTTPS');
    }
  }
}

/** Security group rules between drawn nodes that no request edge already shows. */
function addAllowedEdges(g: Builder): void {
  const members = new Map<string, GraphNode[]>();
  for (const node of g.nodes.values()) {
    for (const sg of g.securityGroupsOf(node)) members.set(sg, [...(members.get(sg) ?? []), node]);
  }
  const rules: { target: string[]; source: string[]; port?: string }[] = [];
  for (const rule of g.ofType('aws_vpc_security_group_ingress_rule')) {
    rules.push({
      target: g.refs(rule, 'security_group_id'),
      source: g.refs(rule, 'referenced_security_group_id'),
      port: literal(rule.config, 'from_port'),
    });
  }
  for (const rule of g
    .ofType('aws_security_group_rule')
    .filter((r) => literal(r.config, 'type') === 'ingress')) {
    rules.push({
      target: g.refs(rule, 'security_group_id'),
      source: g.refs(rule, 'source_security_group_id'),
      port: literal(rule.config, 'from_port'),
    });
  }
  for (const sg of g.ofType('aws_security_group')) {
    for (const ingress of valuesAt(sg.config, 'ingress')) {
      rules.push({
        target: [sg.address],
        source: referencesIn(
          (ingress as Record<string, unknown>).security_groups,
          g.model.resources,
        ),
        port: literal(ingress, 'from_port'),
      });
    }
  }
  for (const rule of rules) {
    for (const source of rule.source.flatMap((a) => members.get(a) ?? [])) {
      for (const target of rule.target.flatMap((a) => members.get(a) ?? [])) {
        if (source.id !== target.id && !g.hasEdgeBetween(source.id, target.id, 2)) {
          g.edge(source, target, 'allowed', rule.port ? `tcp ${rule.port}` : 'allowed');
        }
      }
    }
  }
}

/** Lambda authorizers the APIs call before the integration. */
function addAuthorizerEdges(g: Builder): void {
  for (const authorizer of g.ofType('aws_api_gateway_authorizer', 'aws_apigatewayv2_authorizer')) {
    const api = [
      ...g.resolveAll(authorizer, 'rest_api_id'),
      ...g.resolveAll(authorizer, 'api_id'),
    ][0];
    for (const fn of g.resolveAll(authorizer, 'authorizer_uri'))
      g.edge(api, fn, 'request', 'authorizer');
  }
}

/**
 * Public APIs get a caller: clients on the internet. So do custom domains, but only those mapped
 * to a public API (a Regional domain in front of a private API is reached through the VPC).
 */
function addInternetClients(g: Builder): void {
  const isPublicApi = (n: GraphNode | undefined) => {
    const r = n && g.resource(n.address);
    if (!r) return false;
    if (literal(r.config, 'disable_execute_api_endpoint') === 'true') return false;
    if (n.kind === 'http-api') return true;
    return (
      n.kind === 'rest-api' &&
      !valuesAt(r.config, 'endpoint_configuration.types').includes('PRIVATE')
    );
  };
  const mappedApis = (domain: GraphNode) =>
    g
      .edgeList()
      .filter((e) => e.from === domain.id && e.kind === 'request')
      .map((e) => g.nodes.get(e.to));
  const publicEntries = [...g.nodes.values()].filter((n) => {
    if (n.kind === 'domain') {
      const r = g.resource(n.address)!;
      const types = valuesAt(r.config, 'endpoint_configuration.types');
      return !types.includes('PRIVATE') && mappedApis(n).some(isPublicApi);
    }
    return isPublicApi(n);
  });
  if (publicEntries.length === 0) return;
  const id = 'n_internet_clients';
  g.nodes.set(id, {
    id,
    kind: 'clients',
    label: ['Clients on the internet'],
    group: '',
    address: '#internet',
  });
  for (const entry of publicEntries) g.edge(id, entry, 'request', 'HTTPS');
}

/**
 * Where nothing in the stack calls an execute-api or PrivateLink endpoint, a resolver endpoint or a
 * load balancer, its security group rules say who may: a node per client CIDR, in the VPC that
 * holds it, else on premises (when the stack connects a network there), else outside the stack.
 */
function addCidrClients(g: Builder): void {
  const vpcs = g
    .ofType('aws_vpc')
    .map((vpc) => ({ group: g.vpcGroup(vpc.address)!, cidr: literal(vpc.config, 'cidr_block') }));
  const onPremises = g.groups.has('g_on_premises');
  const entries = [...g.nodes.values()].filter((n) => {
    if (g.hasIncomingRequest(n.id)) return false;
    if (n.kind === 'resolver-endpoint') return true;
    if (n.kind === 'load-balancer') return true;
    return n.kind === 'endpoint' && /^(execute-api|PrivateLink) endpoint$/.test(n.label[0]);
  });
  for (const entry of entries) {
    const groups = new Set(g.securityGroupsOf(entry));
    const rules: { cidr: string; protocol: string; port: string }[] = [];
    const portOf = (rule: unknown) => {
      const protocol = literal(rule, 'ip_protocol') ?? literal(rule, 'protocol') ?? 'tcp';
      const port = literal(rule, 'from_port');
      return {
        protocol: protocol === '-1' ? 'all' : protocol,
        port: port && port !== '-1' ? port : '',
      };
    };
    for (const rule of g.ofType('aws_vpc_security_group_ingress_rule')) {
      const cidr = literal(rule.config, 'cidr_ipv4');
      if (cidr && g.refs(rule, 'security_group_id').some((a) => groups.has(a)))
        rules.push({ cidr, ...portOf(rule.config) });
    }
    for (const rule of g
      .ofType('aws_security_group_rule')
      .filter((r) => literal(r.config, 'type') === 'ingress')) {
      if (!g.refs(rule, 'security_group_id').some((a) => groups.has(a))) continue;
      for (const cidr of valuesAt(rule.config, 'cidr_blocks'))
        if (typeof cidr === 'string') rules.push({ cidr, ...portOf(rule.config) });
    }
    for (const address of groups) {
      for (const ingress of valuesAt(g.resource(address)!.config, 'ingress')) {
        for (const cidr of valuesAt(ingress, 'cidr_blocks'))
          if (typeof cidr === 'string') rules.push({ cidr, ...portOf(ingress) });
      }
    }
    // One edge per client network, e.g. `tcp/udp 53`.
    const byCidr = new Map<string, Map<string, Set<string>>>();
    for (const { cidr, protocol, port } of rules) {
      if (cidr.includes('${') || !isCidr(cidr) || cidr.endsWith('/0')) continue;
      const ports = byCidr.get(cidr) ?? new Map<string, Set<string>>();
      ports.set(port, (ports.get(port) ?? new Set()).add(protocol));
      byCidr.set(cidr, ports);
    }
    for (const [cidr, ports] of [...byCidr.entries()].sort()) {
      const vpc = vpcs.find((v) => v.cidr && isCidr(v.cidr) && cidrContains(v.cidr, cidr));
      const id = `n_clients_${cidr.replace(/[^0-9]/g, '_')}`;
      if (!g.nodes.has(id)) {
        const where = vpc ? vpc.group : onPremises ? 'g_on_premises' : '';
        const title = vpc
          ? 'Clients in the VPC'
          : onPremises
            ? 'On-premises clients'
            : 'Clients outside the stack';
        g.nodes.set(id, {
          id,
          kind: 'clients',
          label: [title, cidr],
          group: where,
          address: `#cidr-${cidr}`,
        });
      }
      const label = [...ports.entries()]
        .sort()
        .map(([port, protocols]) =>
          [[...protocols].sort().join('/'), port].filter(Boolean).join(' '),
        )
        .join(' ');
      g.edge(id, entry, 'request', label);
    }
  }
}

/** Extracts the diagram graph of one stack. Output order is stable: sorted by ID. */
export function extractGraph(model: StackModel): Graph {
  const g = new Builder(model);
  g.buildGroups();
  g.buildNodes();
  addApiEdges(g);
  addLoadBalancingEdges(g);
  addDnsEdges(g);
  addNetworkEdges(g);
  addAuthorizerEdges(g);
  addInternetClients(g);
  addClientEdges(g);
  addCidrClients(g);
  addAllowedEdges(g);
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const edgeKey = (e: GraphEdge) => `${e.from}|${e.to}|${e.kind}|${e.label ?? ''}`;
  return {
    stack: model.stack,
    groups: [...g.groups.values()].sort(byId),
    nodes: [...g.nodes.values()].sort(byId),
    edges: g
      .edgeList()
      .sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0)),
  };
}
