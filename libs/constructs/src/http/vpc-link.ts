/**
 * A VPC link (v2) for HTTP APIs: elastic network interfaces in your subnets, with a security
 * group, through which API Gateway reaches ALB listeners, NLB listeners and Cloud Map services.
 *
 * ```ts
 * const link = new VpcLinkV2(this, 'link', { name: 'orders', network });
 * link.connections.allowTo(alb.connections, 80, 'VPC link to the ALB listener');
 * ```
 */
import { Apigatewayv2VpcLink } from '@cdktf/provider-aws/lib/apigatewayv2-vpc-link';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import { Connections } from '../load-balancing/connections';
import type { LoadBalancerNetwork } from '../load-balancing/load-balancer';
import { checkTwoAzSubnets } from '../network/network';
import { SecurityGroup } from '../network/security-group';

export interface VpcLinkV2Props {
  /** Name of the link (also of its security group). */
  readonly name: string;
  /** VPC and subnets of the link's interfaces; two or more Availability Zones. */
  readonly network: LoadBalancerNetwork;
}

/**
 * An HTTP API VPC link with its own security group. The group admits nothing (API Gateway's
 * traffic leaves through it) and lets out only what `connections.allowTo` opens, so targets can
 * admit the link by security group instead of by CIDR.
 */
export class VpcLinkV2 extends Construct {
  readonly resource: Apigatewayv2VpcLink;
  readonly securityGroup: SecurityGroup;
  readonly connections: Connections;

  constructor(scope: Construct, id: string, props: VpcLinkV2Props) {
    super(scope, id);
    const problems = new Problems(`VpcLinkV2 ${this.node.path}`).check(
      /^[A-Za-z0-9_-]{1,128}$/.test(props.name),
      'InvalidName',
      'props.name',
      props.name,
      'must be 1-128 characters of [A-Za-z0-9_-]',
    );
    checkTwoAzSubnets(problems, props.network.subnetIds).throwIfAny();
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `vpc-link-${props.name}`,
      description: `HTTP API VPC link ${props.name}: no inbound, out to its integration targets only`,
    });
    this.connections = new Connections(
      this.securityGroup,
      this.securityGroup,
      `vpc-link-${props.name}`,
    );
    this.resource = new Apigatewayv2VpcLink(this, 'resource', {
      name: props.name,
      subnetIds: props.network.subnetIds,
      securityGroupIds: [this.securityGroup.id],
    });
  }

  get id(): string {
    return this.resource.id;
  }
}
