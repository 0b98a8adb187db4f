/**
 * An internal Application Load Balancer.
 *
 * ```ts
 * const alb = new InternalAlb(this, 'alb', { name: 'orders-alb', network, accessLogs: logs });
 * const app = alb.addTargetGroup('app', { port: 8080, healthCheck: { path: '/health' } });
 * const http = alb.addListener('http', { port: 80, protocol: 'HTTP', targetGroup: app });
 * // HTTP API: PrivateIntegration to http (listener ARN); REST API: an NLB target group of type alb.
 * ```
 */
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import {
  InternalLoadBalancer,
  InternalLoadBalancerProps,
  IpTargetsOptions,
  registerIpTargets,
} from './load-balancer';

export type InternalAlbProps = InternalLoadBalancerProps;

export interface AlbTargetGroupOptions {
  readonly port: number;
  /**
   * @default 'HTTP'
   */
  readonly protocol?: 'HTTP' | 'HTTPS';
  /**
   * @default 'ip' (what Fargate tasks register as)
   */
  readonly targetType?: 'ip' | 'instance';
  /**
   * @default - HTTP GET `/` on the traffic port every 15 s, 200-399 healthy
   */
  readonly healthCheck?: {
    readonly path?: string;
    readonly matcher?: string;
    readonly intervalSeconds?: number;
  };
  /**
   * @default 60
   */
  readonly deregistrationDelaySeconds?: number;
}

/** A target group of an InternalAlb. */
export class AlbTargetGroup extends Construct {
  readonly resource: LbTargetGroup;
  readonly port: number;
  readonly loadBalancer: InternalAlb;
  readonly targetType: 'ip' | 'instance';

  constructor(scope: InternalAlb, id: string, vpcId: string, options: AlbTargetGroupOptions) {
    super(scope, id);
    this.loadBalancer = scope;
    this.port = options.port;
    this.targetType = options.targetType ?? 'ip';
    const check = options.healthCheck ?? {};
    const problems = new Problems(`AlbTargetGroup ${this.node.path}`);
    problems.checkPort('options.port', options.port);
    problems.check(
      check.path === undefined || check.path.startsWith('/'),
      'InvalidHealthCheck',
      'options.healthCheck.path',
      check.path,
      'must start with /',
    );
    problems.throwIfAny();
    this.resource = new LbTargetGroup(this, 'resource', {
      vpcId,
      targetType: this.targetType,
      port: options.port,
      protocol: options.protocol ?? 'HTTP',
      deregistrationDelay: String(options.deregistrationDelaySeconds ?? 60),
      healthCheck: {
        enabled: true,
        protocol: options.protocol ?? 'HTTP',
        port: 'traffic-port',
        path: check.path ?? '/',
        matcher: check.matcher ?? '200-399',
        interval: check.intervalSeconds ?? 15,
        healthyThreshold: 3,
        unhealthyThreshold: 3,
      },
      tags: { Name: `${scope.name}-${id}` },
      lifecycle: { createBeforeDestroy: true },
    });
  }

  /** Registers IP addresses (ECS tasks, an interface endpoint's addresses), keyed `<key>-<index>`. */
  addIpTargets(key: string, options: IpTargetsOptions): void {
    registerIpTargets(this, this.targetType, this.resource.arn, this.port, key, options);
  }

  get arn(): string {
    return this.resource.arn;
  }
}

export interface AlbListenerOptions {
  readonly port: number;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly targetGroup: AlbTargetGroup;
  /**
   * Certificate of an HTTPS listener; required for HTTPS, refused for HTTP.
   * @default - none
   */
  readonly certificateArn?: string;
  /**
   * Security policy of an HTTPS listener; must be a TLS 1.2+ policy.
   * @default 'ELBSecurityPolicy-TLS13-1-2-2021-06'
   */
  readonly sslPolicy?: string;
}

export interface AlbListener {
  readonly resource: LbListener;
  readonly port: number;
  readonly protocol: 'HTTP' | 'HTTPS';
  readonly arn: string;
}

/**
 * An internal Application Load Balancer: deletion protection on, invalid headers dropped,
 * access logs to S3, a security group that admits only named clients (an NLB, a VPC link) on
 * listener ports, and HTTP or HTTPS listeners (HTTPS with a TLS 1.2+ policy). ALBs balance
 * across zones always.
 */
export class InternalAlb extends InternalLoadBalancer {
  readonly loadBalancerType = 'application';

  constructor(scope: Construct, id: string, props: InternalAlbProps) {
    super(scope, id, props, 'InternalAlb', 'ALB', {
      loadBalancerType: 'application',
      dropInvalidHeaderFields: true,
    });
  }

  addTargetGroup(id: string, options: AlbTargetGroupOptions): AlbTargetGroup {
    return new AlbTargetGroup(this, `tg-${id}`, this.vpcId, options);
  }

  addListener(id: string, options: AlbListenerOptions): AlbListener {
    this.listenerProblems(id, options, ['HTTP', 'HTTPS'], 'HTTPS').throwIfAny();
    const resource = this.buildListener(id, options, options.protocol === 'HTTPS');
    return { resource, port: options.port, protocol: options.protocol, arn: resource.arn };
  }
}
