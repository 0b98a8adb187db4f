import { Lb, LbConfig } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import { checkTwoAzSubnets } from '../network/network';
import type { ISecurityGroup } from '../network/security-group';
import { SecurityGroup } from '../network/security-group';
import type { IAccessLogsBucket } from './access-logs-bucket';
import { Connections } from './connections';
import { ALLOWED_TLS_POLICIES, DEFAULT_TLS_POLICY } from './tls-policies';

export { ALLOWED_TLS_POLICIES, DEFAULT_TLS_POLICY } from './tls-policies';

/** The VPC and subnets a load balancer lives in; `Network` satisfies it. */
export interface LoadBalancerNetwork {
  readonly vpc: { readonly id: string };
  readonly subnetIds: string[];
}

/** Who may connect to a load balancer's listeners. */
export interface LoadBalancerClients {
  /**
   * Client networks, admitted on every listener port.
   * @default - none
   */
  readonly cidrs?: readonly string[];
  /**
   * Client security groups keyed by a stable name, admitted on every listener port.
   * @default - none
   */
  readonly groups?: Record<string, ISecurityGroup>;
}

export interface InternalLoadBalancerProps {
  /** Load balancer name: 1-32 characters of letters, digits and hyphens. */
  readonly name: string;
  readonly network: LoadBalancerNetwork;
  /**
   * Where access logs go, or `false` to turn them off (the guardrails report that).
   */
  readonly accessLogs: IAccessLogsBucket | false;
  /**
   * Deletion protection. Turn off before `terraform destroy`.
   * @default true
   */
  readonly deletionProtection?: boolean;
  /**
   * Clients admitted on every listener port; more can be added with `connections`.
   * @default - none; wire clients with `connections.allowTo` or `allowFromCidrs`
   */
  readonly clients?: LoadBalancerClients;
}

/** Checks shared by both load balancer kinds, reported under `props.*`. */
export function checkLoadBalancerProps(problems: Problems, props: InternalLoadBalancerProps): void {
  problems.check(
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(props.name) &&
      !props.name.startsWith('internal-'),
    'InvalidLoadBalancerName',
    'props.name',
    props.name,
    'must be 1-32 letters, digits or hyphens, not starting or ending with a hyphen nor with "internal-"',
  );
  checkTwoAzSubnets(problems, props.network.subnetIds);
}

/**
 * Checks a TLS/HTTPS listener's certificate and policy: a certificate is required and the
 * policy, when named, must be one of ALLOWED_TLS_POLICIES (an empty name counts as missing).
 */
export function checkTlsListener(
  problems: Problems,
  path: string,
  protocol: string,
  secure: boolean,
  certificateArn: string | undefined,
  sslPolicy: string | undefined,
): void {
  if (secure) {
    problems.check(
      certificateArn !== undefined &&
        (Token.isUnresolved(certificateArn) || /^arn:aws[\w-]*:(acm|iam):/.test(certificateArn)),
      'MissingCertificate',
      `${path}.certificateArn`,
      certificateArn,
      `is required for ${protocol} listeners: an ACM (or IAM) certificate ARN`,
    );
    if (sslPolicy !== undefined) {
      problems.check(
        sslPolicy.trim() !== '',
        'MissingTlsPolicy',
        `${path}.sslPolicy`,
        sslPolicy,
        `must name a TLS policy; leave it out to get ${DEFAULT_TLS_POLICY}`,
      );
      if (sslPolicy.trim() !== '') {
        problems.check(
          ALLOWED_TLS_POLICIES.includes(sslPolicy),
          'WeakTlsPolicy',
          `${path}.sslPolicy`,
          sslPolicy,
          `must be a TLS 1.2+ policy, one of ${ALLOWED_TLS_POLICIES.join(', ')}`,
        );
      }
    }
  } else {
    problems.check(
      certificateArn === undefined,
      'CertificateOnPlainListener',
      `${path}.certificateArn`,
      certificateArn,
      `must be left out on ${protocol} listeners (use TLS or HTTPS to terminate TLS)`,
    );
    problems.check(
      sslPolicy === undefined,
      'TlsPolicyOnPlainListener',
      `${path}.sslPolicy`,
      sslPolicy,
      `must be left out on ${protocol} listeners`,
    );
  }
}

/** What every listener of this library takes, whatever the load balancer type. */
export interface ListenerSpec {
  readonly port: number;
  readonly protocol: string;
  readonly certificateArn?: string;
  readonly sslPolicy?: string;
  readonly targetGroup: Construct & {
    readonly loadBalancer: InternalLoadBalancer;
    readonly arn: string;
  };
}

/** Common part of InternalNlb and InternalAlb: the security group, its connections, listeners. */
export abstract class InternalLoadBalancer extends Construct {
  /** The load balancer (construct ID `resource`). */
  readonly resource: Lb;
  readonly name: string;
  readonly securityGroup: SecurityGroup;
  /** Rules to and from this load balancer's security group. */
  readonly connections: Connections;
  protected readonly clients: LoadBalancerClients;
  protected readonly vpcId: string;
  private readonly ports = new Set<number>();

  /**
   * @param className the subclass's name, for error messages
   * @param kind `ALB` or `NLB`, for the security group description
   * @param own what only this type of load balancer has (its type, its own attributes)
   */
  protected constructor(
    scope: Construct,
    id: string,
    props: InternalLoadBalancerProps,
    className: string,
    kind: string,
    own: Pick<LbConfig, 'loadBalancerType'> & Partial<LbConfig>,
  ) {
    const problems = new Problems(`${className} ${id}`);
    checkLoadBalancerProps(problems, props);
    problems.throwIfAny();
    super(scope, id);
    this.name = props.name;
    this.vpcId = props.network.vpc.id;
    this.clients = props.clients ?? {};
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: props.name,
      description: `Internal ${kind} ${props.name}: listener ports from named clients only, out to its targets only`,
    });
    this.connections = new Connections(this.securityGroup, this.securityGroup, props.name);
    this.resource = this.createLoadBalancer(props, own);
  }

  get arn(): string {
    return this.resource.arn;
  }

  get dnsName(): string {
    return this.resource.dnsName;
  }

  /**
   * Checks what every listener needs (a free port, an allowed protocol, a certificate and an
   * allow-listed policy when `secureProtocol`, a target group of this load balancer) and returns
   * the problems, so a subclass can add its own before throwing.
   */
  protected listenerProblems(
    id: string,
    options: ListenerSpec,
    protocols: readonly string[],
    secureProtocol: string,
  ): Problems {
    const problems = new Problems(`${this.constructor.name} ${this.node.path}`);
    const path = `listeners.${id}`;
    problems.checkPort(`${path}.port`, options.port);
    problems.check(
      !this.ports.has(options.port),
      'DuplicateListenerPort',
      `${path}.port`,
      options.port,
      'must not be used by another listener of this load balancer',
    );
    problems.check(
      protocols.includes(options.protocol),
      'InvalidListenerProtocol',
      `${path}.protocol`,
      options.protocol,
      `must be ${protocols.join(' or ')}`,
    );
    checkTlsListener(
      problems,
      path,
      options.protocol,
      options.protocol === secureProtocol,
      options.certificateArn,
      options.sslPolicy,
    );
    problems.check(
      options.targetGroup.loadBalancer === this,
      'ForeignTargetGroup',
      `${path}.targetGroup`,
      options.targetGroup.node.path,
      'must be a target group of this load balancer',
    );
    return problems;
  }

  /** Builds a listener forwarding to its target group and opens its port to the clients. */
  protected buildListener(
    id: string,
    options: ListenerSpec,
    secure: boolean,
    alpnPolicy?: string,
  ): LbListener {
    this.ports.add(options.port);
    const resource = new LbListener(this, `listener-${id}`, {
      loadBalancerArn: this.resource.arn,
      port: options.port,
      protocol: options.protocol,
      certificateArn: options.certificateArn,
      sslPolicy: secure ? (options.sslPolicy ?? DEFAULT_TLS_POLICY) : undefined,
      alpnPolicy,
      defaultAction: [{ type: 'forward', targetGroupArn: options.targetGroup.arn }],
    });
    this.admitClients(options.port);
    return resource;
  }

  /** Opens a listener port to the clients named in props. */
  protected admitClients(port: number): void {
    if (this.clients.cidrs?.length) {
      this.connections.allowFromCidrs(this.clients.cidrs, port, `Clients to listener ${port}`);
    }
    for (const [key, group] of Object.entries(this.clients.groups ?? {})) {
      this.connections.allowFromGroup(key, group, port, `${key} to listener ${port}`);
    }
  }

  /**
   * The load balancer itself (construct ID `resource`): internal, in every subnet of the network,
   * behind this security group, deletion protection on unless turned off, access logs to the
   * bucket, named after `props.name`; `own` adds what only this type has.
   */
  private createLoadBalancer(
    props: InternalLoadBalancerProps,
    own: Pick<LbConfig, 'loadBalancerType'> & Partial<LbConfig>,
  ): Lb {
    const logs = props.accessLogs === false ? undefined : props.accessLogs;
    return new Lb(this, 'resource', {
      name: props.name,
      internal: true,
      subnets: props.network.subnetIds,
      securityGroups: [this.securityGroup.id],
      enableDeletionProtection: props.deletionProtection ?? true,
      accessLogs: logs && { bucket: logs.bucketName, prefix: logs.prefix, enabled: true },
      dependsOn: logs?.ready ? [logs.ready] : undefined,
      tags: { Name: props.name },
      ...own,
    });
  }
}

export interface IpTargetsOptions {
  /**
   * IPv4 addresses: literals known at synth or tokens known only at apply (for example
   * `interfaceEndpointAddresses(...)`); the count is always known at synth.
   */
  readonly addresses: readonly string[];
  /**
   * Target port.
   * @default - the target group's port
   */
  readonly port?: number;
  /**
   * The addresses are outside the NLB's VPC (a peered VPC, a Transit Gateway attachment, on
   * premises): they are registered with availability zone `all`.
   * @default false
   */
  readonly outsideVpc?: boolean;
}

const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * Registers IP targets with a target group of an NLB or ALB, one attachment `<key>-<index>` per
 * address, after checking the group's target type, the addresses and the port.
 */
export function registerIpTargets(
  targetGroup: Construct,
  targetType: string,
  targetGroupArn: string,
  defaultPort: number,
  key: string,
  options: IpTargetsOptions,
): void {
  const problems = new Problems(`${targetGroup.constructor.name} ${targetGroup.node.path}`);
  problems.check(
    targetType === 'ip',
    'WrongTargetType',
    'targetType',
    targetType,
    'must be ip to register IP addresses',
  );
  problems.check(
    options.addresses.length > 0,
    'NoTargets',
    `${key}.addresses`,
    options.addresses,
    'must list at least one address',
  );
  problems.checkEach(
    options.addresses,
    (address) => Token.isUnresolved(address) || IPV4.test(address),
    'InvalidIpAddress',
    `${key}.addresses`,
    'must be an IPv4 address',
  );
  if (options.port !== undefined) problems.checkPort(`${key}.port`, options.port);
  problems.throwIfAny();
  options.addresses.forEach((address, i) => {
    new LbTargetGroupAttachment(targetGroup, `${key}-${i}`, {
      targetGroupArn,
      targetId: address,
      port: options.port ?? defaultPort,
      availabilityZone: options.outsideVpc ? 'all' : undefined,
    });
  });
}
