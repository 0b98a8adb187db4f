import { Ec2TransitGateway } from '@cdktf/provider-aws/lib/ec2-transit-gateway';
import { Ec2TransitGatewayRouteTable } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { Ec2TransitGatewayVpcAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment';
import { Ec2TransitGatewayVpcAttachmentAccepter } from '@cdktf/provider-aws/lib/ec2-transit-gateway-vpc-attachment-accepter';
import { RamPrincipalAssociation } from '@cdktf/provider-aws/lib/ram-principal-association';
import { RamResourceAssociation } from '@cdktf/provider-aws/lib/ram-resource-association';
import { RamResourceShare } from '@cdktf/provider-aws/lib/ram-resource-share';
import { RamResourceShareAccepter } from '@cdktf/provider-aws/lib/ram-resource-share-accepter';
import { Route } from '@cdktf/provider-aws/lib/route';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { cidrsOverlap, isCidr } from '../config/cidr';
import { Problems } from '../errors';
import type { Network } from '../network/network';
import { providerOf } from './provider-of';

/**
 * How attachments reach each other inside the Transit Gateway.
 * - `default`: every attachment associates with and propagates to the TGW's default route table,
 *   so all attached VPCs can reach each other.
 * - `dedicated`: the default route table is off; the construct creates one route table and
 *   associates and propagates each attachment explicitly (the start of a segmented design).
 */
export type TransitGatewayRouting = 'default' | 'dedicated';

export interface TransitGatewayProps {
  /** Short name used in Name tags and the RAM share name. */
  readonly name: string;
  /**
   * What the Transit Gateway is for.
   * @default - a description naming the construct path
   */
  readonly description?: string;
  /**
   * Private ASN of the Amazon side of BGP sessions.
   * @default 64512
   */
  readonly amazonSideAsn?: number;
  /**
   * Route table mode for attachments.
   * @default 'default'
   */
  readonly routing?: TransitGatewayRouting;
  /**
   * Share with accounts outside the owner's AWS Organization. Such accounts receive a RAM
   * invitation, which the attachment side accepts (aws_ram_resource_share_accepter).
   * @default false - principals are in the owner's organization, where shares are accepted
   * automatically once RAM sharing with AWS Organizations is enabled
   */
  readonly allowExternalPrincipals?: boolean;
}

export interface AttachOptions {
  /**
   * CIDRs that the network's route tables send to the Transit Gateway (the other networks).
   * Each must not overlap the network's own CIDR.
   */
  readonly routesTo: readonly string[];
}

/** One VPC attached to the Transit Gateway, with its routes. */
export interface TransitGatewayAttachment {
  readonly network: Network;
  readonly attachment: Ec2TransitGatewayVpcAttachment;
  /** The owner's explicit acceptance, for an attachment from another account. */
  readonly accepter?: Ec2TransitGatewayVpcAttachmentAccepter;
  /** Routes in the network's route tables, keyed `<az>:<cidr>`. */
  readonly routes: Record<string, Route>;
}

function idFor(cidr: string): string {
  return cidr.replace(/[./]/g, '_');
}

/**
 * A Transit Gateway that never accepts shared attachments on its own: attachments from other
 * accounts are accepted explicitly by an aws_ec2_transit_gateway_vpc_attachment_accepter in the
 * owner account, so the owner's plan shows every VPC that joins. Sharing through AWS RAM is set
 * up on the first attachment from another account (share, TGW association, one principal
 * association per account). Each attachment brings the routes of its VPC towards the others.
 *
 * Place the construct in the owner's scope; `attach` pins each resource to the provider of the
 * account it belongs to, so one stack with an AccountScope per account plans it as one unit.
 */
export class TransitGateway extends Construct {
  readonly resource: Ec2TransitGateway;
  readonly routing: TransitGatewayRouting;
  /** The dedicated route table (routing `dedicated` only). */
  readonly routeTable?: Ec2TransitGatewayRouteTable;
  readonly attachments: Record<string, TransitGatewayAttachment> = {};
  private readonly name: string;
  private readonly allowExternalPrincipals: boolean;
  private share?: RamResourceShare;
  private shareAssociation?: RamResourceAssociation;
  private readonly principals: Record<string, RamPrincipalAssociation> = {};

  constructor(scope: Construct, id: string, props: TransitGatewayProps) {
    super(scope, id);
    const asn = props.amazonSideAsn ?? 64512;
    new Problems(`TransitGateway ${this.node.path}`)
      .check(
        (asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294),
        'InvalidAsn',
        'props.amazonSideAsn',
        asn,
        'must be a private ASN: 64512-65534 or 4200000000-4294967294',
      )
      .throwIfAny();
    this.name = props.name;
    this.routing = props.routing ?? 'default';
    this.allowExternalPrincipals = props.allowExternalPrincipals ?? false;
    const useDefault = this.routing === 'default' ? 'enable' : 'disable';
    this.resource = new Ec2TransitGateway(this, 'resource', {
      description: props.description ?? `Transit Gateway (${this.node.path})`,
      amazonSideAsn: asn,
      // Never: another account's attachment joins only when the owner's plan accepts it.
      autoAcceptSharedAttachments: 'disable',
      defaultRouteTableAssociation: useDefault,
      defaultRouteTablePropagation: useDefault,
      dnsSupport: 'enable',
      vpnEcmpSupport: 'disable',
      tags: { Name: props.name },
    });
    if (this.routing === 'dedicated') {
      this.routeTable = new Ec2TransitGatewayRouteTable(this, 'route-table', {
        transitGatewayId: this.resource.id,
        tags: { Name: `${props.name}-shared` },
      });
    }
  }

  get id(): string {
    return this.resource.id;
  }

  /**
   * Attaches a network (in this account or another one of the same Region) and routes the given
   * CIDRs from its route tables to the Transit Gateway. `key` is the stable ID of the attachment.
   */
  attach(key: string, network: Network, options: AttachOptions): TransitGatewayAttachment {
    const owner = targetOf(this);
    const side = targetOf(network);
    const problems = new Problems(`TransitGateway ${this.node.path}`);
    problems.check(
      !(key in this.attachments),
      'DuplicateAttachment',
      `attach(${key})`,
      key,
      'must be a key not used by another attachment',
    );
    problems.check(
      side.region === owner.region,
      'RegionMismatch',
      `attach(${key}).network`,
      side.region,
      `must be in the Transit Gateway's Region ${owner.region} (inter-Region needs TGW peering)`,
    );
    for (const [other, existing] of Object.entries(this.attachments)) {
      problems.check(
        !cidrsOverlap(network.cidr, existing.network.cidr),
        'OverlappingCidrs',
        `attach(${key}).network.cidr`,
        network.cidr,
        `must not overlap ${existing.network.cidr} of attachment ${other}; routed networks need distinct CIDRs`,
      );
    }
    problems.check(
      options.routesTo.length > 0,
      'NoRoutes',
      `attach(${key}).routesTo`,
      options.routesTo,
      'must list at least one CIDR to reach',
    );
    options.routesTo.forEach((cidr, i) => {
      if (!isCidr(cidr)) {
        problems.add(
          'InvalidCidr',
          `attach(${key}).routesTo[${i}]`,
          cidr,
          'must be an IPv4 CIDR block',
        );
      } else {
        problems.check(
          !cidrsOverlap(cidr, network.cidr),
          'OverlappingCidrs',
          `attach(${key}).routesTo[${i}]`,
          cidr,
          `must not overlap the network's own CIDR ${network.cidr}`,
        );
      }
    });
    problems.throwIfAny();

    const ownerProvider = providerOf(this);
    const sideProvider = providerOf(network);
    const crossAccount = side.accountId !== owner.accountId;
    const dependsOn: ITerraformDependable[] = [];
    if (crossAccount) {
      const principal = this.shareWith(side.accountId);
      dependsOn.push(principal, this.shareAssociation!);
      if (this.allowExternalPrincipals) {
        dependsOn.push(
          new RamResourceShareAccepter(this, `share-accept-${key}`, {
            provider: sideProvider,
            shareArn: principal.resourceShareArn,
          }),
        );
      }
    }
    const useDefault = this.routing === 'default';
    const attachment = new Ec2TransitGatewayVpcAttachment(this, `attachment-${key}`, {
      provider: sideProvider,
      transitGatewayId: this.resource.id,
      vpcId: network.vpc.id,
      subnetIds: network.subnetIds,
      dnsSupport: 'enable',
      // Route table settings belong to the owner: set here only when the owner attaches itself.
      transitGatewayDefaultRouteTableAssociation: crossAccount ? undefined : useDefault,
      transitGatewayDefaultRouteTablePropagation: crossAccount ? undefined : useDefault,
      tags: { Name: `${this.name}-${key}` },
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });
    const accepter = crossAccount
      ? new Ec2TransitGatewayVpcAttachmentAccepter(this, `accept-${key}`, {
          provider: ownerProvider,
          transitGatewayAttachmentId: attachment.id,
          transitGatewayDefaultRouteTableAssociation: useDefault,
          transitGatewayDefaultRouteTablePropagation: useDefault,
          tags: { Name: `${this.name}-${key}` },
        })
      : undefined;
    const joined: ITerraformDependable = accepter ?? attachment;
    if (this.routeTable) {
      new Ec2TransitGatewayRouteTableAssociation(this, `association-${key}`, {
        provider: ownerProvider,
        transitGatewayAttachmentId: attachment.id,
        transitGatewayRouteTableId: this.routeTable.id,
        dependsOn: [joined],
      });
      new Ec2TransitGatewayRouteTablePropagation(this, `propagation-${key}`, {
        provider: ownerProvider,
        transitGatewayAttachmentId: attachment.id,
        transitGatewayRouteTableId: this.routeTable.id,
        dependsOn: [joined],
      });
    }
    const routes: Record<string, Route> = {};
    for (const [az, routeTable] of Object.entries(network.routeTables)) {
      for (const cidr of options.routesTo) {
        routes[`${az}:${cidr}`] = new Route(this, `route-${key}-${az}-${idFor(cidr)}`, {
          provider: sideProvider,
          routeTableId: routeTable.id,
          destinationCidrBlock: cidr,
          transitGatewayId: this.resource.id,
          dependsOn: [joined],
        });
      }
    }
    const result: TransitGatewayAttachment = { network, attachment, accepter, routes };
    this.attachments[key] = result;
    return result;
  }

  /** The RAM principal association for an account, creating the share on first use. */
  private shareWith(accountId: string): RamPrincipalAssociation {
    if (!this.share) {
      this.share = new RamResourceShare(this, 'share', {
        name: `${this.name}-tgw`,
        allowExternalPrincipals: this.allowExternalPrincipals,
        tags: { Name: `${this.name}-tgw` },
      });
      this.shareAssociation = new RamResourceAssociation(this, 'share-tgw', {
        resourceArn: this.resource.arn,
        resourceShareArn: this.share.arn,
      });
    }
    this.principals[accountId] ??= new RamPrincipalAssociation(this, `share-${accountId}`, {
      principal: accountId,
      resourceShareArn: this.share.arn,
    });
    return this.principals[accountId];
  }
}
