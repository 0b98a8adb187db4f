/**
 * A VPC link (v1) for REST APIs: API Gateway reaches one or more internal NLBs over PrivateLink.
 *
 * ```ts
 * const nlb = new InternalNlb(this, 'nlb', { name: 'orders', network, accessLogs: logs, privateLinkInboundRules: false });
 * const link = new RestVpcLink(this, 'link', { name: 'orders', targets: [nlb] });
 * // or an NLB of another stack: targets: [InternalNlb.fromArn('arn:aws:elasticloadbalancing:...:loadbalancer/net/...')]
 * addPrivateProxy(api, { vpcLink: link, loadBalancer: nlb, port: 80 });   // rest/private-integration.ts
 * ```
 */
import { ApiGatewayVpcLink } from '@cdktf/provider-aws/lib/api-gateway-vpc-link';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import type { INetworkLoadBalancer } from '../load-balancing/internal-nlb';

export interface RestVpcLinkProps {
  /** Name of the VPC link. */
  readonly name: string;
  /**
   * What the link is for.
   * @default - a description naming the construct path
   */
  readonly description?: string;
  /**
   * Network Load Balancers the link reaches (same account and Region as the API); more can be
   * added with `addTargets`. Anything other than an NLB is refused.
   * @default - none; add at least one before synth
   */
  readonly targets?: readonly INetworkLoadBalancer[];
}

const NLB_ARN = /:loadbalancer\/net\//;

/**
 * A REST API VPC link (`aws_api_gateway_vpc_link`) to internal Network Load Balancers. REST and
 * WebSocket APIs reach VPCs only through NLBs: an ALB, a Classic Load Balancer or anything else
 * is refused (put an NLB in front of an existing ALB with an NLB target group of type alb).
 * Creating a link takes several minutes, as API Gateway builds an endpoint service on the NLB.
 */
export class RestVpcLink extends Construct {
  readonly resource: ApiGatewayVpcLink;
  private readonly targets: INetworkLoadBalancer[] = [];

  constructor(scope: Construct, id: string, props: RestVpcLinkProps) {
    super(scope, id);
    new Problems(`RestVpcLink ${this.node.path}`)
      .check(
        /^[\w .-]{1,255}$/.test(props.name),
        'InvalidName',
        'props.name',
        props.name,
        'must be 1-255 characters of letters, digits, spaces, _ . -',
      )
      .throwIfAny();
    this.addTargets(...(props.targets ?? []));
    this.resource = new ApiGatewayVpcLink(this, 'resource', {
      name: props.name,
      description: props.description ?? `REST VPC link (${this.node.path})`,
      targetArns: this.targetArnsToken(),
    });
    this.node.addValidation({
      validate: () =>
        this.targets.length === 0
          ? [
              `NoTargets: RestVpcLink ${this.node.path} has no target; pass an InternalNlb in props.targets or call addTargets`,
            ]
          : [],
    });
  }

  /** Adds Network Load Balancers; refuses any other kind of target. */
  addTargets(...targets: INetworkLoadBalancer[]): void {
    const problems = new Problems(`RestVpcLink ${this.node.path}`);
    targets.forEach((target, i) => {
      const index = this.targets.length + i;
      const literalArn = !Token.isUnresolved(target.arn);
      problems.check(
        target.loadBalancerType === 'network' && (!literalArn || NLB_ARN.test(target.arn)),
        'VpcLinkTargetNotNlb',
        `props.targets[${index}]`,
        literalArn ? target.arn : `${target.loadBalancerType} load balancer`,
        'must be a Network Load Balancer: REST API VPC links reach only NLBs (put an NLB in front of an ALB with a target group of type alb)',
      );
    });
    problems.throwIfAny();
    this.targets.push(...targets);
  }

  get id(): string {
    return this.resource.id;
  }

  private targetArnsToken(): string[] {
    // Resolved at synth, so targets added after construction are included.
    return Lazy.listValue({ produce: () => this.targets.map((t) => t.arn) });
  }
}
