/**
 * An internal Network Load Balancer with target groups and listeners.
 *
 * ```ts
 * const logs = new AccessLogsBucket(this, 'lb-logs', { expirationDays: 90 });
 * const nlb = new InternalNlb(this, 'nlb', {
 *   name: 'orders',
 *   network,                                  // a Network (or any { vpc, subnetIds })
 *   accessLogs: logs,
 *   clients: { cidrs: ['10.20.0.0/16'] },     // admitted on every listener port
 *   privateLinkInboundRules: false,           // when a REST VPC link targets this NLB
 * });
 * // Static IPs known at synth, and IPs known only at apply (one token per address).
 * const api = nlb.addTargetGroup('api', { targetType: 'ip', port: 443, protocol: 'TLS' });
 * api.addIpTargets('static', { addresses: ['10.1.0.10'], outsideVpc: true });
 * api.addIpTargets('vpce', { addresses: interfaceEndpointAddresses(this, 'vpce-ips', endpoint, 2) });
 * nlb.connections.allowToCidrs(['10.1.0.0/16'], 443, 'NLB to the execute-api endpoint');
 * nlb.addListener('tls', { port: 443, protocol: 'TLS', certificateArn, targetGroup: api });
 * ```
 */
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import type { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { EndpointAddresses } from '../privatelink/endpoint-addresses';
import { Problems } from '../errors';
import type { Connections } from './connections';
import {
  InternalLoadBalancer,
  InternalLoadBalancerProps,
  IpTargetsOptions,
  registerIpTargets,
} from './load-balancer';

export type { IpTargetsOptions } from './load-balancer';

/** A Network Load Balancer as a REST VPC link sees it: its ARN and its kind. */
export interface INetworkLoadBalancer {
  readonly arn: string;
  /** Always `network`; anything else is refused by RestVpcLink. */
  readonly loadBalancerType: string;
}

export interface InternalNlbProps extends InternalLoadBalancerProps {
  /**
   * Cross-zone load balancing (NLBs have it off unless asked).
   * @default true
   */
  readonly crossZone?: boolean;
  /**
   * Whether the security group's inbound rules apply to traffic arriving through PrivateLink
   * (a REST API VPC link is PrivateLink). API Gateway's source addresses cannot be named, so
   * turn this off for an NLB behind a REST VPC link; only API Gateway can use that endpoint
   * service, and every other source still meets the inbound rules.
   * @default true
   */
  readonly privateLinkInboundRules?: boolean;
}

export type NlbTargetType = 'ip' | 'instance' | 'alb';
export type NlbProtocol = 'TCP' | 'TLS' | 'UDP' | 'TCP_UDP';

export interface NlbHealthCheck {
  /**
   * @default 'TCP' ('HTTP' for targets of type alb)
   */
  readonly protocol?: 'TCP' | 'HTTP' | 'HTTPS';
  /**
   * Path for HTTP and HTTPS checks.
   * @default '/'
   */
  readonly path?: string;
  /**
   * @default - the traffic port
   */
  readonly port?: number;
  /**
   * @default 10
   */
  readonly intervalSeconds?: number;
  /**
   * Status codes that count as healthy for HTTP and HTTPS checks.
   * @default '200-399'
   */
  readonly matcher?: string;
}

export interface NlbTargetGroupOptions {
  readonly targetType: NlbTargetType;
  /** Port the targets listen on (for type alb: the ALB listener's port). */
  readonly port: number;
  /**
   * @default 'TCP'
   */
  readonly protocol?: NlbProtocol;
  /**
   * @default - TCP on the traffic port every 10 s (HTTP `/` for type alb)
   */
  readonly healthCheck?: NlbHealthCheck;
  /**
   * Seconds to drain a target before it is removed.
   * @default 60
   */
  readonly deregistrationDelaySeconds?: number;
}

/** A target group of an InternalNlb. */
export class NlbTargetGroup extends Construct {
  readonly resource: LbTargetGroup;
  readonly targetType: NlbTargetType;
  readonly port: number;
  readonly protocol: NlbProtocol;
  /** The load balancer this group serves; ECS services wire their security groups through it. */
  readonly loadBalancer: InternalNlb;

  constructor(scope: InternalNlb, id: string, vpcId: string, options: NlbTargetGroupOptions) {
    super(scope, id);
    this.loadBalancer = scope;
    this.targetType = options.targetType;
    this.port = options.port;
    this.protocol = options.protocol ?? 'TCP';
    const check = options.healthCheck ?? {};
    const healthProtocol = check.protocol ?? (options.targetType === 'alb' ? 'HTTP' : 'TCP');
    const problems = new Problems(`NlbTargetGroup ${this.node.path}`);
    problems.checkPort('options.port', options.port);
    problems.check(
      options.targetType !== 'alb' || this.protocol === 'TCP',
      'InvalidTargetProtocol',
      'options.protocol',
      this.protocol,
      'must be TCP for a target group of type alb',
    );
    problems.check(
      options.targetType !== 'alb' || healthProtocol !== 'TCP',
      'InvalidHealthCheck',
      'options.healthCheck.protocol',
      healthProtocol,
      'must be HTTP or HTTPS for a target group of type alb',
    );
    problems.check(
      check.path === undefined || (healthProtocol !== 'TCP' && check.path.startsWith('/')),
      'InvalidHealthCheck',
      'options.healthCheck.path',
      check.path,
      'must start with / and is only used by HTTP or HTTPS checks',
    );
    if (check.port !== undefined) problems.checkPort('options.healthCheck.port', check.port);
    const delay = options.deregistrationDelaySeconds ?? 60;
    problems.check(
      Number.isInteger(delay) && delay >= 0 && delay <= 3600,
      'InvalidDeregistrationDelay',
      'options.deregistrationDelaySeconds',
      delay,
      'must be a whole number 0-3600',
    );
    problems.throwIfAny();

    this.resource = new LbTargetGroup(this, 'resource', {
      vpcId,
      targetType: options.targetType,
      port: options.port,
      protocol: this.protocol,
      deregistrationDelay: String(delay),
      healthCheck: {
        enabled: true,
        protocol: healthProtocol,
        port: check.port !== undefined ? String(check.port) : 'traffic-port',
        path: healthProtocol === 'TCP' ? undefined : (check.path ?? '/'),
        matcher: healthProtocol === 'TCP' ? undefined : (check.matcher ?? '200-399'),
        interval: check.intervalSeconds ?? 10,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
      },
      tags: { Name: `${scope.name}-${id}` },
      lifecycle: { createBeforeDestroy: true },
    });
  }

  get arn(): string {
    return this.resource.arn;
  }

  /** Registers IP addresses, each an attachment keyed `<key>-<index>`. */
  addIpTargets(key: string, options: IpTargetsOptions): void {
    registerIpTargets(this, this.targetType, this.resource.arn, this.port, key, options);
  }

  /** Registers EC2 instances by ID, keyed by a stable name. */
  addInstanceTargets(instances: Record<string, string>, port?: number): void {
    new Problems(`NlbTargetGroup ${this.node.path}`)
      .check(
        this.targetType === 'instance',
        'WrongTargetType',
        'targetType',
        this.targetType,
        'must be instance to register instances',
      )
      .throwIfAny();
    for (const [key, instanceId] of Object.entries(instances)) {
      new LbTargetGroupAttachment(this, key, {
        targetGroupArn: this.resource.arn,
        targetId: instanceId,
        port: port ?? this.port,
      });
    }
  }

  /**
   * Puts this NLB in front of an ALB (the migration path for REST APIs with an existing ALB):
   * registers the ALB, opens the NLB's security group to the ALB's on the port, and waits for
   * the ALB listener, which must listen on this group's port.
   */
  addAlbTarget(
    alb: { readonly arn: string; readonly connections: Connections },
    listener: { readonly port: number; readonly resource: ITerraformDependable },
  ): void {
    new Problems(`NlbTargetGroup ${this.node.path}`)
      .check(
        this.targetType === 'alb',
        'WrongTargetType',
        'targetType',
        this.targetType,
        'must be alb to register an Application Load Balancer',
      )
      .check(
        listener.port === this.port,
        'PortMismatch',
        'listener.port',
        listener.port,
        `must equal the target group port ${this.port}`,
      )
      .throwIfAny();
    new LbTargetGroupAttachment(this, 'alb', {
      targetGroupArn: this.resource.arn,
      targetId: alb.arn,
      port: this.port,
      dependsOn: [listener.resource],
    });
    this.loadBalancer.connections.allowTo(
      alb.connections,
      this.port,
      `NLB ${this.loadBalancer.name} to its ALB target`,
    );
  }
}

export interface NlbListenerOptions {
  readonly port: number;
  /** TCP passes TLS through to the targets; TLS terminates it on the NLB. */
  readonly protocol: 'TCP' | 'TLS';
  readonly targetGroup: NlbTargetGroup;
  /**
   * Certificate of a TLS listener; required for TLS, refused for TCP.
   * @default - none
   */
  readonly certificateArn?: string;
  /**
   * Security policy of a TLS listener; must be a TLS 1.2+ policy.
   * @default 'ELBSecurityPolicy-TLS13-1-2-2021-06'
   */
  readonly sslPolicy?: string;
  /**
   * ALPN policy of a TLS listener, e.g. `HTTP2Preferred`.
   * @default - none
   */
  readonly alpnPolicy?: string;
}

/** A listener of an InternalNlb. */
export interface NlbListener {
  readonly resource: LbListener;
  readonly port: number;
  readonly protocol: 'TCP' | 'TLS';
  readonly arn: string;
}

/**
 * An internal Network Load Balancer in the network's subnets: cross-zone on, deletion
 * protection on, access logs to an S3 bucket, and a security group (supported on NLBs since
 * August 2023) that admits the named clients on each listener port and lets out only what the
 * targets need. Target groups of type ip (addresses inside or outside the VPC), instance or
 * alb; TCP and TLS listeners, TLS with a TLS 1.2+ policy.
 */
export class InternalNlb extends InternalLoadBalancer implements INetworkLoadBalancer {
  /** An existing NLB, known by its ARN (e.g. from another stack), for a RestVpcLink. */
  static fromArn(arn: string): INetworkLoadBalancer {
    new Problems('InternalNlb.fromArn')
      .check(
        Token.isUnresolved(arn) ||
          /^arn:aws[\w-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:loadbalancer\/net\/[\w-]+\/[0-9a-f]+$/.test(
            arn,
          ),
        'NotANetworkLoadBalancer',
        'arn',
        arn,
        'must be the ARN of a Network Load Balancer (arn:aws:elasticloadbalancing:<region>:<account>:loadbalancer/net/<name>/<id>)',
      )
      .throwIfAny();
    return { arn, loadBalancerType: 'network' };
  }

  readonly loadBalancerType = 'network';

  constructor(scope: Construct, id: string, props: InternalNlbProps) {
    super(scope, id, props, 'InternalNlb', 'NLB', {
      loadBalancerType: 'network',
      enforceSecurityGroupInboundRulesOnPrivateLinkTraffic:
        (props.privateLinkInboundRules ?? true) ? 'on' : 'off',
      enableCrossZoneLoadBalancing: props.crossZone ?? true,
    });
  }

  /** Adds a target group; `id` is its stable construct ID. */
  addTargetGroup(id: string, options: NlbTargetGroupOptions): NlbTargetGroup {
    return new NlbTargetGroup(this, `tg-${id}`, this.vpcId, options);
  }

  /** Adds a listener forwarding to one target group and opens its port to the clients. */
  addListener(id: string, options: NlbListenerOptions): NlbListener {
    const path = `listeners.${id}`;
    const tls = options.protocol === 'TLS';
    const problems = this.listenerProblems(id, options, ['TCP', 'TLS'], 'TLS');
    problems.check(
      tls || options.alpnPolicy === undefined,
      'TlsPolicyOnPlainListener',
      `${path}.alpnPolicy`,
      options.alpnPolicy,
      'must be left out on TCP listeners',
    );
    if (options.targetGroup.targetType === 'alb') {
      problems.check(
        options.protocol === 'TCP' && options.port === options.targetGroup.port,
        'InvalidListenerForAlbTarget',
        path,
        `${options.protocol} ${options.port}`,
        `must be TCP on the ALB listener port ${options.targetGroup.port} to forward to a target group of type alb`,
      );
    }
    problems.throwIfAny();
    const resource = this.buildListener(id, options, tls, options.alpnPolicy);
    return { resource, port: options.port, protocol: options.protocol, arn: resource.arn };
  }
}

/**
 * The private IPv4 addresses of an interface VPC endpoint created in the same stack, one token
 * per subnet, for use as NLB IP targets. Each address is read by an `aws_network_interface`
 * data source that Terraform defers to apply (the endpoint's interfaces do not exist at plan
 * time); `count` is the endpoint's number of subnets, known at synth.
 */
export function interfaceEndpointAddresses(
  scope: Construct,
  id: string,
  endpoint: VpcEndpoint,
  count: number,
): string[] {
  return new EndpointAddresses(scope, id, { endpoint, count }).addresses;
}
