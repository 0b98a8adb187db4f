import { Route53ResolverEndpoint } from '@cdktf/provider-aws/lib/route53-resolver-endpoint';
import { Route53ResolverRule } from '@cdktf/provider-aws/lib/route53-resolver-rule';
import { Route53ResolverRuleAssociation } from '@cdktf/provider-aws/lib/route53-resolver-rule-association';
import { Construct } from 'constructs';
import { parseCidr } from '../config/cidr';
import { Problems } from '../errors';
import type { Network } from '../network/network';
import { RuleSpec, SecurityGroup } from '../network/security-group';
import { isDnsName } from './private-zone';

/** IPv4 address as an unsigned 32-bit number, or undefined when the text is not one. */
function ipNumber(ip: string): number | undefined {
  return parseCidr(`${ip}/32`)?.network;
}

function ipText(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/**
 * The address at `hostOffset` inside `subnetCidr` (offset 0 is the network address). Used to give
 * resolver endpoints fixed, known addresses that on-premises forwarders can be configured with
 * before anything is deployed.
 */
export function addressInSubnet(subnetCidr: string, hostOffset: number): string {
  const subnet = parseCidr(subnetCidr);
  if (!subnet)
    throw new Error(`addressInSubnet: ${JSON.stringify(subnetCidr)} is not a CIDR block`);
  return ipText(subnet.network + hostOffset);
}

/**
 * Why `ip` cannot be used in `subnetCidr`, or undefined when it can: it must lie in the subnet and
 * not be one of the five addresses AWS reserves (the first four and the last).
 */
function addressProblem(ip: string, subnetCidr: string): string | undefined {
  const n = ipNumber(ip);
  const subnet = parseCidr(subnetCidr);
  if (n === undefined) return 'must be an IPv4 address';
  if (!subnet) return undefined;
  const size = 2 ** (32 - subnet.prefix);
  if (n < subnet.network || n >= subnet.network + size)
    return `must lie in the AZ's subnet ${subnetCidr}`;
  if (n < subnet.network + 4 || n === subnet.network + size - 1) {
    return `must not be one of the addresses AWS reserves in ${subnetCidr} (the first four and the last)`;
  }
  return undefined;
}

interface EndpointPlacement {
  readonly network: Network;
  readonly azs?: readonly string[];
  readonly addresses?: Readonly<Record<string, string>>;
}

/** Checks where the endpoint's addresses go: two or more AZs of the network, valid fixed addresses. */
function checkPlacement(problems: Problems, props: EndpointPlacement): string[] {
  const azs = [...(props.azs ?? props.network.azs)];
  problems.check(
    new Set(azs).size >= 2,
    'TooFewResolverAzs',
    'props.azs',
    azs,
    'must name at least two different Availability Zones: a resolver endpoint needs two or more addresses in different AZs to stay available',
  );
  problems.checkEach(
    azs,
    (az) => az in props.network.subnets,
    'UnknownAz',
    'props.azs',
    `must be an AZ of the network (${props.network.azs.join(', ')})`,
  );
  for (const [az, ip] of Object.entries(props.addresses ?? {})) {
    if (!azs.includes(az)) {
      problems.add(
        'UnknownAz',
        `props.addresses.${az}`,
        ip,
        `must be keyed by one of the endpoint's AZs (${azs.join(', ')})`,
      );
      continue;
    }
    const subnetCidr = props.network.subnets[az]?.cidrBlockInput ?? '';
    const problem = addressProblem(ip, subnetCidr);
    if (problem) problems.add('InvalidResolverAddress', `props.addresses.${az}`, ip, problem);
  }
  return azs;
}

export interface InboundResolverEndpointProps {
  readonly network: Network;
  /** Short name for the endpoint and its security group. */
  readonly name: string;
  /** Networks allowed to send DNS queries (TCP and UDP 53), typically the on-premises CIDRs. */
  readonly clientCidrs: readonly string[];
  /**
   * Availability Zones of the endpoint's addresses, one address each; at least two.
   * @default - every AZ of the network
   */
  readonly azs?: readonly string[];
  /**
   * Fixed addresses keyed by AZ, so on-premises forwarders can be configured before deployment.
   * Other interfaces created in the same subnets at the same time could take them first: make
   * those depend on this endpoint (the on-premises app does so for its execute-api endpoint).
   * @default - addresses AWS picks in each subnet (known after apply)
   */
  readonly addresses?: Readonly<Record<string, string>>;
}

/**
 * A Route 53 Resolver inbound endpoint: on-premises DNS servers forward queries to its addresses
 * (two or more, in different AZs) and get the answers the VPC sees, private hosted zones
 * included. Its security group admits TCP and UDP 53 from the given networks only.
 */
export class InboundResolverEndpoint extends Construct {
  readonly resource: Route53ResolverEndpoint;
  readonly securityGroup: SecurityGroup;
  /** AZs of the addresses, in order. */
  readonly azs: readonly string[];
  private readonly fixed: Readonly<Record<string, string>>;

  constructor(scope: Construct, id: string, props: InboundResolverEndpointProps) {
    super(scope, id);
    const problems = new Problems(`InboundResolverEndpoint ${this.node.path}`);
    const azs = checkPlacement(problems, props);
    problems.check(
      props.clientCidrs.length > 0,
      'NoClients',
      'props.clientCidrs',
      props.clientCidrs,
      'must name at least one network allowed to query the endpoint on port 53',
    );
    problems.throwIfAny();
    this.azs = azs;
    this.fixed = props.addresses ?? {};

    const dns = (protocol: 'tcp' | 'udp'): RuleSpec => ({
      description: `DNS over ${protocol.toUpperCase()} from the networks that forward to this endpoint`,
      protocol,
      ports: 53,
      cidrs: props.clientCidrs,
    });
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${props.name}-inbound-resolver`,
      description:
        'Route 53 Resolver inbound endpoint: DNS (TCP and UDP 53) from named networks only',
      ingress: { 'dns-tcp': dns('tcp'), 'dns-udp': dns('udp') },
    });
    this.resource = new Route53ResolverEndpoint(this, 'resource', {
      name: `${props.name}-inbound`,
      direction: 'INBOUND',
      resolverEndpointType: 'IPV4',
      protocols: ['Do53'],
      securityGroupIds: [this.securityGroup.id],
      ipAddress: azs.map((az) => ({ subnetId: props.network.subnets[az].id, ip: this.fixed[az] })),
      tags: { Name: `${props.name}-inbound` },
    });
  }

  /** The endpoint's addresses: the fixed ones when every AZ has one, else references known after apply. */
  get addresses(): string[] {
    if (this.azs.every((az) => az in this.fixed)) return this.azs.map((az) => this.fixed[az]);
    return this.azs.map((_, i) => this.resource.ipAddress.get(i).ip);
  }
}

export interface ForwardingRule {
  /** Domain whose queries go to the targets, e.g. `corp.example`. */
  readonly domainName: string;
  /** DNS servers that answer for the domain (usually on premises), port 53 unless given. */
  readonly targets: readonly { readonly ip: string; readonly port?: number }[];
}

export interface OutboundResolverEndpointProps {
  readonly network: Network;
  readonly name: string;
  /**
   * Availability Zones of the endpoint's addresses; at least two.
   * @default - every AZ of the network
   */
  readonly azs?: readonly string[];
  /** Forwarding rules keyed by a stable name; each is associated with the network's VPC. */
  readonly rules: Readonly<Record<string, ForwardingRule>>;
}

/**
 * A Route 53 Resolver outbound endpoint with forwarding rules, so that the VPC resolves names
 * that only the on-premises DNS servers know. Its security group lets DNS out to the rules'
 * targets only, and admits nothing.
 */
export class OutboundResolverEndpoint extends Construct {
  readonly resource: Route53ResolverEndpoint;
  readonly securityGroup: SecurityGroup;
  readonly rules: Record<string, Route53ResolverRule> = {};

  constructor(scope: Construct, id: string, props: OutboundResolverEndpointProps) {
    super(scope, id);
    const problems = new Problems(`OutboundResolverEndpoint ${this.node.path}`);
    const azs = checkPlacement(problems, props);
    problems.check(
      Object.keys(props.rules).length > 0,
      'NoForwardingRules',
      'props.rules',
      props.rules,
      'must hold at least one forwarding rule',
    );
    const targetCidrs = new Set<string>();
    for (const [key, rule] of Object.entries(props.rules)) {
      const domain = rule.domainName.replace(/\.$/, '');
      problems.check(
        isDnsName(domain),
        'InvalidDomainName',
        `props.rules.${key}.domainName`,
        rule.domainName,
        'must be a DNS name such as corp.example',
      );
      problems.check(
        rule.targets.length > 0,
        'NoTargets',
        `props.rules.${key}.targets`,
        rule.targets,
        'must name at least one DNS server',
      );
      rule.targets.forEach((target, i) => {
        problems.check(
          ipNumber(target.ip) !== undefined,
          'InvalidTargetIp',
          `props.rules.${key}.targets[${i}].ip`,
          target.ip,
          'must be an IPv4 address',
        );
        if (target.port !== undefined) {
          problems.checkPort(`props.rules.${key}.targets[${i}].port`, target.port);
        }
        if (ipNumber(target.ip) !== undefined) targetCidrs.add(`${target.ip}/32`);
      });
    }
    problems.throwIfAny();

    const ports = new Set(
      Object.values(props.rules).flatMap((r) => r.targets.map((t) => t.port ?? 53)),
    );
    const egress: Record<string, RuleSpec> = {};
    for (const port of ports) {
      for (const protocol of ['tcp', 'udp'] as const) {
        egress[`dns-${protocol}-${port}`] = {
          description: `DNS over ${protocol.toUpperCase()} to the forwarding targets`,
          protocol,
          ports: port,
          cidrs: [...targetCidrs],
        };
      }
    }
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${props.name}-outbound-resolver`,
      description: 'Route 53 Resolver outbound endpoint: DNS out to the forwarding targets only',
      egress,
    });
    this.resource = new Route53ResolverEndpoint(this, 'resource', {
      name: `${props.name}-outbound`,
      direction: 'OUTBOUND',
      resolverEndpointType: 'IPV4',
      protocols: ['Do53'],
      securityGroupIds: [this.securityGroup.id],
      ipAddress: azs.map((az) => ({ subnetId: props.network.subnets[az].id })),
      tags: { Name: `${props.name}-outbound` },
    });
    for (const [key, rule] of Object.entries(props.rules)) {
      const resolverRule = new Route53ResolverRule(this, `rule-${key}`, {
        name: `${props.name}-${key}`,
        domainName: rule.domainName.replace(/\.$/, ''),
        ruleType: 'FORWARD',
        resolverEndpointId: this.resource.id,
        targetIp: rule.targets.map((t) => ({ ip: t.ip, port: t.port ?? 53 })),
      });
      new Route53ResolverRuleAssociation(this, `rule-${key}-vpc`, {
        name: `${props.name}-${key}`,
        resolverRuleId: resolverRule.id,
        vpcId: props.network.vpc.id,
      });
      this.rules[key] = resolverRule;
    }
  }
}
