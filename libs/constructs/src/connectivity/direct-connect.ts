import { DxGateway } from '@cdktf/provider-aws/lib/dx-gateway';
import { DxGatewayAssociation } from '@cdktf/provider-aws/lib/dx-gateway-association';
import { DxPrivateVirtualInterface } from '@cdktf/provider-aws/lib/dx-private-virtual-interface';
import { DxTransitVirtualInterface } from '@cdktf/provider-aws/lib/dx-transit-virtual-interface';
import { Construct } from 'constructs';
import { isCidr } from '../config/cidr';
import { Problems } from '../errors';
import type { TransitGateway } from './transit-gateway';
import { isCustomerGatewayAsn } from './vpn';
import { isAmazonSideAsn, VirtualPrivateGateway } from './vpn-gateway';

export interface VirtualInterfaceSpec {
  /** The existing Direct Connect connection (or LAG) the interface rides on: `dxcon-...` or `dxlag-...`. */
  readonly connectionId: string;
  /** 802.1Q VLAN the provider assigned, 1-4094. */
  readonly vlan: number;
  /** BGP ASN of the on-premises router (same range as a customer gateway). */
  readonly customerAsn: number;
  /**
   * MTU: 1500, or jumbo frames (9001 private, 8500 transit).
   * @default 1500
   */
  readonly mtu?: number;
}

export interface DirectConnectProps {
  readonly name: string;
  /** Gateway on the AWS side the Direct Connect gateway associates with. */
  readonly gateway:
    | { readonly kind: 'vgw'; readonly gateway: VirtualPrivateGateway }
    | { readonly kind: 'tgw'; readonly gateway: TransitGateway };
  /**
   * Prefixes advertised to on premises over Direct Connect (the VPC CIDR, typically). Required by
   * AWS for a Transit Gateway association.
   */
  readonly allowedPrefixes: readonly string[];
  /**
   * An existing Direct Connect gateway (`id` from `aws directconnect describe-direct-connect-gateways`).
   * @default - a new Direct Connect gateway
   */
  readonly existingGatewayId?: string;
  /**
   * Amazon side ASN of a new Direct Connect gateway.
   * @default 64513
   */
  readonly amazonSideAsn?: number;
  /**
   * A private (VGW) or transit (TGW) virtual interface on an existing connection. The connection
   * itself is never managed here; it must exist when the plan is applied, not when it is made.
   * @default - no virtual interface; create it where the connection is managed
   */
  readonly virtualInterface?: VirtualInterfaceSpec;
}

const GATEWAY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CONNECTION_ID = /^dx(con|lag)-[a-z0-9]{8}$/;

/**
 * Direct Connect into the VPC for an existing connection: a Direct Connect gateway (new or
 * existing) associated with the virtual private gateway or Transit Gateway, advertising only the
 * allowed prefixes, and optionally the virtual interface on the connection. Nothing here needs
 * the physical connection at plan time.
 */
export class DirectConnect extends Construct {
  /** The Direct Connect gateway ID (new or existing). */
  readonly gatewayId: string;
  readonly gateway?: DxGateway;
  readonly association: DxGatewayAssociation;
  readonly virtualInterface?: DxPrivateVirtualInterface | DxTransitVirtualInterface;

  constructor(scope: Construct, id: string, props: DirectConnectProps) {
    super(scope, id);
    const asn = props.amazonSideAsn ?? 64513;
    const vif = props.virtualInterface;
    const isTgw = props.gateway.kind === 'tgw';
    const problems = new Problems(`DirectConnect ${this.node.path}`);
    problems.check(
      isAmazonSideAsn(asn),
      'InvalidAmazonSideAsn',
      'props.amazonSideAsn',
      asn,
      'must be a private ASN: 64512-65534 or 4200000000-4294967294',
    );
    // The Direct Connect gateway and the gateway it associates with need different ASNs.
    const peerAsn =
      props.gateway.kind === 'vgw'
        ? props.gateway.gateway.amazonSideAsn
        : props.gateway.gateway.resource.amazonSideAsnInput;
    problems.check(
      props.existingGatewayId !== undefined || asn !== peerAsn,
      'SameBgpAsn',
      'props.amazonSideAsn',
      asn,
      `must differ from the ${props.gateway.kind === 'vgw' ? 'virtual private gateway' : 'Transit Gateway'}'s ASN ${peerAsn}`,
    );
    problems.check(
      props.existingGatewayId === undefined || GATEWAY_ID.test(props.existingGatewayId),
      'InvalidDxGatewayId',
      'props.existingGatewayId',
      props.existingGatewayId,
      'must be a Direct Connect gateway ID (a UUID such as 5f294f92-bafb-4011-916d-9b0bexample)',
    );
    problems.check(
      props.allowedPrefixes.length > 0,
      'NoAllowedPrefixes',
      'props.allowedPrefixes',
      props.allowedPrefixes,
      'must list at least one prefix to advertise to on premises',
    );
    problems.checkEach(
      props.allowedPrefixes,
      isCidr,
      'InvalidCidr',
      'props.allowedPrefixes',
      'must be an IPv4 CIDR block',
    );
    if (vif) {
      problems.check(
        CONNECTION_ID.test(vif.connectionId),
        'InvalidConnectionId',
        'props.virtualInterface.connectionId',
        vif.connectionId,
        'must be a Direct Connect connection or LAG ID: dxcon-xxxxxxxx or dxlag-xxxxxxxx',
      );
      problems.check(
        Number.isInteger(vif.vlan) && vif.vlan >= 1 && vif.vlan <= 4094,
        'InvalidVlan',
        'props.virtualInterface.vlan',
        vif.vlan,
        'must be a VLAN ID 1-4094',
      );
      problems.check(
        isCustomerGatewayAsn(vif.customerAsn),
        'InvalidBgpAsn',
        'props.virtualInterface.customerAsn',
        vif.customerAsn,
        'must be a whole number 1-2147483647 other than 7224 (reserved by AWS)',
      );
      const mtus = isTgw ? [1500, 8500] : [1500, 9001];
      problems.check(
        vif.mtu === undefined || mtus.includes(vif.mtu),
        'InvalidMtu',
        'props.virtualInterface.mtu',
        vif.mtu,
        `must be ${mtus.join(' or ')} for a ${isTgw ? 'transit' : 'private'} virtual interface`,
      );
    }
    problems.throwIfAny();

    if (props.existingGatewayId) {
      this.gatewayId = props.existingGatewayId;
    } else {
      this.gateway = new DxGateway(this, 'gateway', {
        name: props.name,
        amazonSideAsn: String(asn),
      });
      this.gatewayId = this.gateway.id;
    }
    this.association = new DxGatewayAssociation(this, 'association', {
      dxGatewayId: this.gatewayId,
      associatedGatewayId: props.gateway.gateway.id,
      allowedPrefixes: [...props.allowedPrefixes],
    });
    if (vif) {
      const common = {
        name: `${props.name}-vif`,
        connectionId: vif.connectionId,
        dxGatewayId: this.gatewayId,
        vlan: vif.vlan,
        bgpAsn: vif.customerAsn,
        addressFamily: 'ipv4',
        mtu: vif.mtu ?? 1500,
        tags: { Name: `${props.name}-vif` },
      };
      this.virtualInterface = isTgw
        ? new DxTransitVirtualInterface(this, 'vif', common)
        : new DxPrivateVirtualInterface(this, 'vif', common);
    }
  }
}
