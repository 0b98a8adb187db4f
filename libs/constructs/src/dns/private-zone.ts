import { Route53Record, Route53RecordConfig } from '@cdktf/provider-aws/lib/route53-record';
import { Route53Zone } from '@cdktf/provider-aws/lib/route53-zone';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { Problems } from '../errors';
import type { Network } from '../network/network';

/** A VPC the zone answers in: a Network of this app, or one known by ID and Region. */
export type ZoneVpc = Network | { readonly vpcId: string; readonly region: string };

/** Routing settings a record may carry (failover, weighted, ...); the multi-Region apps use them. */
export type RecordRouting = Pick<
  Route53RecordConfig,
  | 'setIdentifier'
  | 'failoverRoutingPolicy'
  | 'weightedRoutingPolicy'
  | 'latencyRoutingPolicy'
  | 'healthCheckId'
>;

export interface AliasTarget {
  /** DNS name of the target, e.g. an interface endpoint's `dns_entry[0].dns_name` or an NLB's DNS name. */
  readonly dnsName: string;
  /** Hosted zone of the target (`dns_entry[0].hosted_zone_id`, an NLB's `zone_id`). */
  readonly zoneId: string;
  /**
   * Answer only while the target is healthy (alias target health).
   * @default false
   */
  readonly evaluateTargetHealth?: boolean;
}

export interface PrivateZoneProps {
  /** Zone apex, e.g. `api.corp.example`; a trailing dot is accepted and dropped. */
  readonly name: string;
  /** VPCs the zone is associated with; at least one. The first is the zone's primary VPC. */
  readonly vpcs: readonly ZoneVpc[];
  /**
   * What the zone is for.
   * @default - a comment naming the construct path
   */
  readonly comment?: string;
}

// One DNS label: letters, digits and hyphens, not starting or ending with a hyphen.
const LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** True when `name` is a DNS name of one or more labels (no wildcard, no trailing dot). */
export function isDnsName(name: string): boolean {
  return name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}

function isNetwork(vpc: ZoneVpc): vpc is Network {
  return 'vpc' in vpc;
}

/**
 * A Route 53 private hosted zone associated with one or more VPCs (in one or several Regions),
 * and helpers for the records other constructs need: aliases (to interface endpoints, load
 * balancers) and CNAMEs, with optional routing policies.
 */
export class PrivateZone extends Construct {
  readonly zone: Route53Zone;
  /** The zone apex without a trailing dot. */
  readonly zoneName: string;

  constructor(scope: Construct, id: string, props: PrivateZoneProps) {
    super(scope, id);
    const zoneName = props.name.replace(/\.$/, '').toLowerCase();
    new Problems(`PrivateZone ${this.node.path}`)
      .check(
        isDnsName(zoneName) && zoneName.includes('.'),
        'InvalidZoneName',
        'props.name',
        props.name,
        'must be a DNS name of two or more labels, e.g. api.corp.example',
      )
      .check(
        props.vpcs.length > 0,
        'NoVpcs',
        'props.vpcs',
        [],
        'must list at least one VPC: a private hosted zone answers only inside associated VPCs',
      )
      .throwIfAny();
    this.zoneName = zoneName;
    this.zone = new Route53Zone(this, 'resource', {
      name: zoneName,
      comment: props.comment ?? `Private zone (${this.node.path})`,
      vpc: props.vpcs.map((vpc) =>
        isNetwork(vpc)
          ? { vpcId: vpc.vpc.id, vpcRegion: targetOf(vpc).region }
          : { vpcId: vpc.vpcId, vpcRegion: vpc.region },
      ),
    });
  }

  get zoneId(): string {
    return this.zone.zoneId;
  }

  /**
   * The full name of `name` in this zone: a relative name (`api`) gets the apex appended; `@` or
   * the apex itself is the apex; a full name must end with the apex.
   */
  fqdn(name: string): string {
    const trimmed = name.replace(/\.$/, '').toLowerCase();
    if (trimmed === '@' || trimmed === this.zoneName) return this.zoneName;
    const full = trimmed.endsWith(`.${this.zoneName}`) ? trimmed : `${trimmed}.${this.zoneName}`;
    new Problems(`PrivateZone ${this.node.path}`)
      .check(
        isDnsName(full),
        'InvalidRecordName',
        'name',
        name,
        `must be a DNS name in zone ${this.zoneName} (relative like "api" or full like "api.${this.zoneName}")`,
      )
      .throwIfAny();
    return full;
  }

  /** An A alias record at `name` pointing at the target. */
  addAlias(
    id: string,
    name: string,
    target: AliasTarget,
    routing: RecordRouting = {},
  ): Route53Record {
    return new Route53Record(this, id, {
      zoneId: this.zone.zoneId,
      name: this.fqdn(name),
      type: 'A',
      alias: {
        name: target.dnsName,
        zoneId: target.zoneId,
        evaluateTargetHealth: target.evaluateTargetHealth ?? false,
      },
      ...routing,
    });
  }

  /** A CNAME record at `name` (never at the apex) pointing at `target`. */
  addCname(
    id: string,
    name: string,
    target: string,
    options: { readonly ttl?: number } & RecordRouting = {},
  ): Route53Record {
    const fqdn = this.fqdn(name);
    const { ttl, ...routing } = options;
    new Problems(`PrivateZone ${this.node.path}`)
      .check(
        fqdn !== this.zoneName,
        'CnameAtApex',
        'name',
        name,
        'must not be the zone apex: a CNAME cannot sit next to the SOA and NS records; use addAlias',
      )
      .check(
        ttl === undefined || (Number.isInteger(ttl) && ttl >= 0 && ttl <= 2147483647),
        'InvalidTtl',
        'options.ttl',
        ttl,
        'must be a whole number of seconds, 0-2147483647',
      )
      .throwIfAny();
    return new Route53Record(this, id, {
      zoneId: this.zone.zoneId,
      name: fqdn,
      type: 'CNAME',
      ttl: ttl ?? 300,
      records: [target],
      ...routing,
    });
  }
}
