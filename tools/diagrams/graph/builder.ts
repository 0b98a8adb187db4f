// Builds groups and nodes of a stack and records edges between them.
import {
  DEFAULT_PROVIDER,
  ProviderTarget,
  StackModel,
  TfResource,
  literal,
  referencesIn,
  valuesAt,
} from '../model';
import { nameOf, NODE_TYPES } from './node-types';
import { EdgeKind, GraphEdge, GraphNode, Group, NodeKind } from './types';
/** Kinds a client (compute) may call, most specific first: the first kind found wins. */
export const CLIENT_TARGETS: readonly NodeKind[][] = [
  ['record'],
  ['domain'],
  ['load-balancer', 'endpoint'],
  ['rest-api', 'http-api'],
];
export const CLIENT_KINDS: readonly NodeKind[] = ['lambda', 'ec2', 'asg', 'ecs-service'];

export const sanitize = (text: string) => text.replace(/[^A-Za-z0-9_]/g, '_');

export class Builder {
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

export function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
