import { Ec2TransitGatewayPeeringAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment';
import { Ec2TransitGatewayPeeringAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment-accepter';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { cidrsOverlap, isCidr } from '../config/cidr';
import { Problems } from '../errors';
import { providerOf } from './provider-of';
import type { TransitGateway } from './transit-gateway';

/** One side of a Transit Gateway peering: the gateway and the networks reached through it. */
export interface PeeringSide {
  readonly transitGateway: TransitGateway;
  /** CIDRs behind this gateway that the other side routes to over the peering. */
  readonly cidrs: readonly string[];
}

export interface TransitGatewayPeeringProps {
  /** The side that requests the peering (its account creates the attachment). */
  readonly requester: PeeringSide;
  /**
   * The side that accepts, in another Region or account (from its scope); it accepts
   * explicitly, since Transit Gateways here never auto-accept.
   */
  readonly accepter: PeeringSide;
}

function idFor(cidr: string): string {
  return cidr.replace(/[./]/g, '_');
}

/**
 * A peering attachment between two Transit Gateways (usually in two Regions), accepted explicitly
 * on the accepter side, with static routes in each gateway's route table towards the other
 * side's CIDRs (peering attachments do not propagate routes). The VPC route tables on each side
 * still need routes to the other side's CIDRs via their own gateway: give them in
 * `TransitGateway.attach(..., { routesTo })`.
 *
 * With `default` routing the peering attachment joins each gateway's default route table on
 * acceptance; with `dedicated` routing it is associated with the dedicated table here.
 */
export class TransitGatewayPeering extends Construct {
  readonly attachment: Ec2TransitGatewayPeeringAttachment;
  readonly accepter: Ec2TransitGatewayPeeringAttachmentAccepter;
  /** Static routes keyed `requester:<cidr>` and `accepter:<cidr>`. */
  readonly routes: Record<string, Ec2TransitGatewayRoute> = {};

  constructor(scope: Construct, id: string, props: TransitGatewayPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;
    const problems = new Problems(`TransitGatewayPeering ${this.node.path}`);
    problems.check(
      requester.transitGateway !== accepter.transitGateway,
      'SameTransitGateway',
      'props.accepter.transitGateway',
      accepter.transitGateway.node.path,
      'must be a different Transit Gateway from the requester',
    );
    for (const [side, { cidrs }] of [
      ['requester', requester],
      ['accepter', accepter],
    ] as const) {
      problems.check(
        cidrs.length > 0,
        'NoCidrs',
        `props.${side}.cidrs`,
        cidrs,
        'must list at least one CIDR behind the gateway',
      );
      problems.checkEach(
        cidrs,
        isCidr,
        'InvalidCidr',
        `props.${side}.cidrs`,
        'must be an IPv4 CIDR block',
      );
    }
    accepter.cidrs.forEach((cidr, i) => {
      const clash = requester.cidrs.find(
        (other) => isCidr(cidr) && isCidr(other) && cidrsOverlap(cidr, other),
      );
      problems.check(
        clash === undefined,
        'OverlappingCidrs',
        `props.accepter.cidrs[${i}]`,
        cidr,
        `must not overlap the requester's ${clash}; routed networks need distinct CIDRs`,
      );
    });
    problems.throwIfAny();

    const requesterTarget = targetOf(requester.transitGateway);
    const accepterTarget = targetOf(accepter.transitGateway);
    const requesterProvider = providerOf(requester.transitGateway);
    const accepterProvider = providerOf(accepter.transitGateway);
    const name = `${requester.transitGateway.node.id}-${requesterTarget.region}-to-${accepterTarget.region}`;

    this.attachment = new Ec2TransitGatewayPeeringAttachment(this, 'attachment', {
      provider: requesterProvider,
      transitGatewayId: requester.transitGateway.id,
      peerTransitGatewayId: accepter.transitGateway.id,
      peerRegion: accepterTarget.region,
      peerAccountId:
        accepterTarget.accountId === requesterTarget.accountId
          ? undefined
          : accepterTarget.accountId,
      tags: { Name: name, Side: 'requester' },
    });
    this.accepter = new Ec2TransitGatewayPeeringAttachmentAccepter(this, 'accepter', {
      provider: accepterProvider,
      transitGatewayAttachmentId: this.attachment.id,
      tags: { Name: name, Side: 'accepter' },
    });

    const sides = [
      ['requester', requester, requesterProvider, accepter.cidrs],
      ['accepter', accepter, accepterProvider, requester.cidrs],
    ] as const;
    for (const [side, { transitGateway }, provider, remote] of sides) {
      const routeTableId =
        transitGateway.routeTable?.id ?? transitGateway.resource.associationDefaultRouteTableId;
      const association = transitGateway.routeTable
        ? new Ec2TransitGatewayRouteTableAssociation(this, `association-${side}`, {
            provider,
            transitGatewayAttachmentId: this.attachment.id,
            transitGatewayRouteTableId: routeTableId,
            dependsOn: [this.accepter],
          })
        : undefined;
      for (const cidr of remote) {
        this.routes[`${side}:${cidr}`] = new Ec2TransitGatewayRoute(
          this,
          `route-${side}-${idFor(cidr)}`,
          {
            provider,
            destinationCidrBlock: cidr,
            transitGatewayAttachmentId: this.attachment.id,
            transitGatewayRouteTableId: routeTableId,
            dependsOn: [association ?? this.accepter],
          },
        );
      }
    }
  }

  get id(): string {
    return this.attachment.id;
  }
}
