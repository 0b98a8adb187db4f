import { VpnGateway } from '@cdktf/provider-aws/lib/vpn-gateway';
import { VpnGatewayRoutePropagation } from '@cdktf/provider-aws/lib/vpn-gateway-route-propagation';
import { Construct } from 'constructs';
import { Problems } from '../errors';
import type { Network } from '../network/network';

/** Private ASNs AWS accepts for the Amazon side of a gateway. */
export function isAmazonSideAsn(asn: number): boolean {
  return (
    Number.isInteger(asn) &&
    ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294))
  );
}

export interface VirtualPrivateGatewayProps {
  readonly network: Network;
  readonly name: string;
  /**
   * ASN of the Amazon side of BGP sessions (VPN and Direct Connect).
   * @default 64512
   */
  readonly amazonSideAsn?: number;
}

/**
 * A virtual private gateway attached to the network's VPC, propagating the routes it learns (BGP
 * or the VPN's static routes) into every private route table.
 */
export class VirtualPrivateGateway extends Construct {
  readonly resource: VpnGateway;
  readonly amazonSideAsn: number;
  readonly network: Network;

  constructor(scope: Construct, id: string, props: VirtualPrivateGatewayProps) {
    super(scope, id);
    this.amazonSideAsn = props.amazonSideAsn ?? 64512;
    new Problems(`VirtualPrivateGateway ${this.node.path}`)
      .check(
        isAmazonSideAsn(this.amazonSideAsn),
        'InvalidAmazonSideAsn',
        'props.amazonSideAsn',
        this.amazonSideAsn,
        'must be a private ASN: 64512-65534 or 4200000000-4294967294',
      )
      .throwIfAny();
    this.network = props.network;
    this.resource = new VpnGateway(this, 'resource', {
      vpcId: props.network.vpc.id,
      amazonSideAsn: String(this.amazonSideAsn),
      tags: { Name: props.name },
    });
    for (const [az, routeTable] of Object.entries(props.network.routeTables)) {
      new VpnGatewayRoutePropagation(this, `propagation-${az}`, {
        vpnGatewayId: this.resource.id,
        routeTableId: routeTable.id,
      });
    }
  }

  get id(): string {
    return this.resource.id;
  }
}
