import { CustomerGateway } from '@cdktf/provider-aws/lib/customer-gateway';
import { Ec2TransitGatewayRoute } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route';
import { Ec2TransitGatewayRouteTableAssociation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-association';
import { Ec2TransitGatewayRouteTablePropagation } from '@cdktf/provider-aws/lib/ec2-transit-gateway-route-table-propagation';
import { VpnConnection } from '@cdktf/provider-aws/lib/vpn-connection';
import { VpnConnectionRoute } from '@cdktf/provider-aws/lib/vpn-connection-route';
import { Construct } from 'constructs';
import { cidrContains, cidrsOverlap, isCidr, parseCidr } from '../config/cidr';
import { Problems } from '../errors';
import { LogGroup, LogsKey } from '../logging/log-group';
import type { Network } from '../network/network';
import type { TransitGateway } from './transit-gateway';
import type { VirtualPrivateGateway } from './vpn-gateway';

/**
 * ASNs accepted for a customer gateway: 1-2147483647, public or private (2-byte private
 * 64512-65534, 4-byte private 4200000000+ is above the range and needs `bgp_asn_extended`, which
 * this construct does not offer), except 7224, which AWS reserves in every Region.
 */
export function isCustomerGatewayAsn(asn: number): boolean {
  return Number.isInteger(asn) && asn >= 1 && asn <= 2147483647 && asn !== 7224;
}

const NOT_PUBLIC = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
];

/** True when `ip` is an IPv4 address outside the private, shared, loopback, link-local and multicast ranges. */
export function isPublicIpv4(ip: string): boolean {
  const cidr = `${ip}/32`;
  return parseCidr(cidr) !== undefined && !NOT_PUBLIC.some((range) => cidrContains(range, cidr));
}

// Inside tunnel CIDRs AWS refuses (RFC 3927 link-local /30s it uses itself).
const RESERVED_INSIDE = [
  '169.254.0.0/30',
  '169.254.1.0/30',
  '169.254.2.0/30',
  '169.254.3.0/30',
  '169.254.4.0/30',
  '169.254.5.0/30',
  '169.254.169.252/30',
];

/**
 * IKE and IPsec settings of both tunnels. The defaults are the strongest AWS offers that common
 * devices support: IKEv2 only, AES-256 (GCM first), SHA-2, elliptic-curve DH groups with PFS.
 */
export interface TunnelCrypto {
  readonly ikeVersions: readonly ('ikev1' | 'ikev2')[];
  readonly phase1EncryptionAlgorithms: readonly string[];
  readonly phase1IntegrityAlgorithms: readonly string[];
  readonly phase1DhGroupNumbers: readonly number[];
  readonly phase2EncryptionAlgorithms: readonly string[];
  readonly phase2IntegrityAlgorithms: readonly string[];
  readonly phase2DhGroupNumbers: readonly number[];
}

export const STRONG_TUNNEL_CRYPTO: TunnelCrypto = {
  ikeVersions: ['ikev2'],
  phase1EncryptionAlgorithms: ['AES256-GCM-16', 'AES256'],
  phase1IntegrityAlgorithms: ['SHA2-512', 'SHA2-384', 'SHA2-256'],
  phase1DhGroupNumbers: [21, 20, 19],
  phase2EncryptionAlgorithms: ['AES256-GCM-16', 'AES256'],
  phase2IntegrityAlgorithms: ['SHA2-512', 'SHA2-384', 'SHA2-256'],
  phase2DhGroupNumbers: [21, 20, 19],
};

// What AWS accepts for each setting (the construct refuses anything else before plan).
const ALLOWED = {
  ikeVersions: ['ikev1', 'ikev2'],
  encryption: ['AES128', 'AES256', 'AES128-GCM-16', 'AES256-GCM-16'],
  integrity: ['SHA1', 'SHA2-256', 'SHA2-384', 'SHA2-512'],
  phase1Dh: [2, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
  phase2Dh: [2, 5, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24],
};

export interface CustomerGatewaySpec {
  /** Public IPv4 address of the on-premises VPN device. */
  readonly ipAddress: string;
  /** BGP ASN of the device: 1-2147483647 except 7224 (see isCustomerGatewayAsn). */
  readonly bgpAsn: number;
  /**
   * Device name shown in the console.
   * @default - none
   */
  readonly deviceName?: string;
}

export type VpnGatewaySpec =
  | { readonly kind: 'vgw'; readonly gateway: VirtualPrivateGateway }
  | { readonly kind: 'tgw'; readonly gateway: TransitGateway };

export interface SiteToSiteVpnProps {
  readonly name: string;
  readonly network: Network;
  readonly customerGateway: CustomerGatewaySpec;
  /** Where the VPN ends on the AWS side: a virtual private gateway or a Transit Gateway. */
  readonly gateway: VpnGatewaySpec;
  /** `static`: the on-premises CIDRs are routed explicitly. `bgp`: routes are learned over BGP. */
  readonly routing: 'static' | 'bgp';
  /** Networks on premises; must not overlap the VPC. Static routes are made for them, and TGW VPC routes. */
  readonly onPremisesCidrs: readonly string[];
  /** Days to keep tunnel logs. */
  readonly logRetentionDays: number;
  /**
   * Key that encrypts the tunnel log group.
   * @default - service-managed encryption
   */
  readonly logsKey?: LogsKey;
  /**
   * IKE and IPsec settings; anything left out takes STRONG_TUNNEL_CRYPTO's value.
   * @default STRONG_TUNNEL_CRYPTO
   */
  readonly crypto?: Partial<TunnelCrypto>;
  /**
   * Inside tunnel CIDRs (/30 in 169.254.0.0/16), tunnel 1 then tunnel 2.
   * @default - AWS picks them
   */
  readonly insideCidrs?: readonly [string, string];
  /**
   * Where the pre-shared keys live: `SecretsManager` keeps them out of Terraform state (the
   * secret's ARN is an attribute); `Standard` leaves them in the VPN service and in state.
   * @default 'SecretsManager'
   */
  readonly presharedKeyStorage?: 'SecretsManager' | 'Standard';
}

function idFor(cidr: string): string {
  return cidr.replace(/[./]/g, '_');
}

/**
 * A site-to-site VPN from an on-premises device: customer gateway, the VPN connection (two
 * tunnels, IKEv2 with strong algorithms, tunnel logs with retention, pre-shared keys out of state
 * by default), and routing. On a virtual private gateway, static routes are VPN connection routes
 * that the gateway propagates; on a Transit Gateway, the VPC is attached (if not yet) with routes
 * to the on-premises CIDRs, and static routes point the TGW route table at the VPN attachment.
 */
export class SiteToSiteVpn extends Construct {
  readonly customerGateway: CustomerGateway;
  readonly connection: VpnConnection;
  readonly tunnelLogs: LogGroup;

  constructor(scope: Construct, id: string, props: SiteToSiteVpnProps) {
    super(scope, id);
    const crypto: TunnelCrypto = { ...STRONG_TUNNEL_CRYPTO, ...props.crypto };
    const problems = new Problems(`SiteToSiteVpn ${this.node.path}`);
    const cgw = props.customerGateway;
    problems.check(
      isPublicIpv4(cgw.ipAddress),
      'InvalidCustomerGatewayIp',
      'props.customerGateway.ipAddress',
      cgw.ipAddress,
      'must be the public IPv4 address of the on-premises device (not private, shared, loopback, link-local or multicast)',
    );
    problems.check(
      isCustomerGatewayAsn(cgw.bgpAsn),
      'InvalidBgpAsn',
      'props.customerGateway.bgpAsn',
      cgw.bgpAsn,
      'must be a whole number 1-2147483647 other than 7224 (reserved by AWS)',
    );
    if (props.routing === 'bgp' && props.gateway.kind === 'vgw') {
      problems.check(
        cgw.bgpAsn !== props.gateway.gateway.amazonSideAsn,
        'SameBgpAsn',
        'props.customerGateway.bgpAsn',
        cgw.bgpAsn,
        `must differ from the Amazon side ASN ${props.gateway.gateway.amazonSideAsn}: BGP needs two autonomous systems`,
      );
    }
    problems.check(
      props.onPremisesCidrs.length > 0,
      'NoOnPremisesCidrs',
      'props.onPremisesCidrs',
      props.onPremisesCidrs,
      'must list at least one on-premises network',
    );
    props.onPremisesCidrs.forEach((cidr, i) => {
      if (!isCidr(cidr))
        problems.add(
          'InvalidCidr',
          `props.onPremisesCidrs[${i}]`,
          cidr,
          'must be an IPv4 CIDR block',
        );
      else
        problems.check(
          !cidrsOverlap(cidr, props.network.cidr),
          'OnPremisesOverlapsVpc',
          `props.onPremisesCidrs[${i}]`,
          cidr,
          `must not overlap the VPC CIDR ${props.network.cidr}`,
        );
    });
    (props.insideCidrs ?? []).forEach((cidr, i) => {
      const parsed = parseCidr(cidr);
      problems.check(
        parsed !== undefined &&
          parsed.prefix === 30 &&
          cidrContains('169.254.0.0/16', cidr) &&
          !RESERVED_INSIDE.includes(cidr),
        'InvalidInsideCidr',
        `props.insideCidrs[${i}]`,
        cidr,
        `must be a /30 in 169.254.0.0/16 other than ${RESERVED_INSIDE.join(', ')}`,
      );
    });
    if (props.insideCidrs) {
      problems.check(
        props.insideCidrs[0] !== props.insideCidrs[1],
        'DuplicateInsideCidr',
        'props.insideCidrs',
        props.insideCidrs,
        'must give each tunnel its own /30',
      );
    }
    const checkList = <T>(key: keyof TunnelCrypto, allowed: readonly T[]) => {
      const values = crypto[key] as readonly T[];
      problems.check(
        values.length > 0,
        'InvalidTunnelCrypto',
        `props.crypto.${key}`,
        values,
        `must list at least one of ${allowed.join(', ')}`,
      );
      problems.checkEach(
        values,
        (v) => allowed.includes(v),
        'InvalidTunnelCrypto',
        `props.crypto.${key}`,
        `must be one of ${allowed.join(', ')}`,
      );
    };
    checkList('ikeVersions', ALLOWED.ikeVersions);
    checkList('phase1EncryptionAlgorithms', ALLOWED.encryption);
    checkList('phase2EncryptionAlgorithms', ALLOWED.encryption);
    checkList('phase1IntegrityAlgorithms', ALLOWED.integrity);
    checkList('phase2IntegrityAlgorithms', ALLOWED.integrity);
    checkList('phase1DhGroupNumbers', ALLOWED.phase1Dh);
    checkList('phase2DhGroupNumbers', ALLOWED.phase2Dh);
    problems.throwIfAny();

    this.customerGateway = new CustomerGateway(this, 'customer-gateway', {
      type: 'ipsec.1',
      ipAddress: cgw.ipAddress,
      bgpAsn: String(cgw.bgpAsn),
      deviceName: cgw.deviceName,
      tags: { Name: `${props.name}-on-premises` },
    });
    this.tunnelLogs = new LogGroup(this, 'tunnel-logs', {
      name: `/vpn/${props.name}/tunnels`,
      retentionDays: props.logRetentionDays,
      kmsKey: props.logsKey,
    });
    const logOptions = {
      cloudwatchLogOptions: {
        logEnabled: true,
        logGroupArn: this.tunnelLogs.arn,
        logOutputFormat: 'json',
      },
    };
    const gateway = props.gateway;
    this.connection = new VpnConnection(this, 'connection', {
      type: 'ipsec.1',
      customerGatewayId: this.customerGateway.id,
      vpnGatewayId: gateway.kind === 'vgw' ? gateway.gateway.id : undefined,
      transitGatewayId: gateway.kind === 'tgw' ? gateway.gateway.id : undefined,
      staticRoutesOnly: props.routing === 'static',
      presharedKeyStorage: props.presharedKeyStorage ?? 'SecretsManager',
      tunnel1IkeVersions: [...crypto.ikeVersions],
      tunnel2IkeVersions: [...crypto.ikeVersions],
      tunnel1Phase1EncryptionAlgorithms: [...crypto.phase1EncryptionAlgorithms],
      tunnel2Phase1EncryptionAlgorithms: [...crypto.phase1EncryptionAlgorithms],
      tunnel1Phase1IntegrityAlgorithms: [...crypto.phase1IntegrityAlgorithms],
      tunnel2Phase1IntegrityAlgorithms: [...crypto.phase1IntegrityAlgorithms],
      tunnel1Phase1DhGroupNumbers: [...crypto.phase1DhGroupNumbers],
      tunnel2Phase1DhGroupNumbers: [...crypto.phase1DhGroupNumbers],
      tunnel1Phase2EncryptionAlgorithms: [...crypto.phase2EncryptionAlgorithms],
      tunnel2Phase2EncryptionAlgorithms: [...crypto.phase2EncryptionAlgorithms],
      tunnel1Phase2IntegrityAlgorithms: [...crypto.phase2IntegrityAlgorithms],
      tunnel2Phase2IntegrityAlgorithms: [...crypto.phase2IntegrityAlgorithms],
      tunnel1Phase2DhGroupNumbers: [...crypto.phase2DhGroupNumbers],
      tunnel2Phase2DhGroupNumbers: [...crypto.phase2DhGroupNumbers],
      // Bring a tunnel back up by itself after dead peer detection instead of waiting for the device.
      tunnel1DpdTimeoutAction: 'restart',
      tunnel2DpdTimeoutAction: 'restart',
      tunnel1InsideCidr: props.insideCidrs?.[0],
      tunnel2InsideCidr: props.insideCidrs?.[1],
      tunnel1LogOptions: logOptions,
      tunnel2LogOptions: logOptions,
      tags: { Name: props.name },
    });

    if (gateway.kind === 'vgw') {
      if (props.routing === 'static') {
        for (const cidr of props.onPremisesCidrs) {
          new VpnConnectionRoute(this, `route-${idFor(cidr)}`, {
            vpnConnectionId: this.connection.id,
            destinationCidrBlock: cidr,
          });
        }
      }
      return;
    }

    // Transit Gateway: the VPC must be attached with routes to on premises.
    const tgw = gateway.gateway;
    const existing = Object.values(tgw.attachments).find((a) => a.network === props.network);
    if (existing) {
      const missing = props.onPremisesCidrs.filter(
        (cidr) => !Object.keys(existing.routes).some((key) => key.endsWith(`:${cidr}`)),
      );
      new Problems(`SiteToSiteVpn ${this.node.path}`)
        .check(
          missing.length === 0,
          'MissingVpcRoutes',
          'props.onPremisesCidrs',
          missing,
          "must be among the routesTo of the network's existing Transit Gateway attachment",
        )
        .throwIfAny();
    } else {
      tgw.attach(props.name, props.network, { routesTo: props.onPremisesCidrs });
    }
    const vpnAttachment = this.connection.transitGatewayAttachmentId;
    const routeTableId = tgw.routeTable
      ? tgw.routeTable.id
      : tgw.resource.associationDefaultRouteTableId;
    if (tgw.routeTable) {
      new Ec2TransitGatewayRouteTableAssociation(this, 'tgw-association', {
        transitGatewayAttachmentId: vpnAttachment,
        transitGatewayRouteTableId: tgw.routeTable.id,
      });
      if (props.routing === 'bgp') {
        new Ec2TransitGatewayRouteTablePropagation(this, 'tgw-propagation', {
          transitGatewayAttachmentId: vpnAttachment,
          transitGatewayRouteTableId: tgw.routeTable.id,
        });
      }
    }
    if (props.routing === 'static') {
      for (const cidr of props.onPremisesCidrs) {
        new Ec2TransitGatewayRoute(this, `tgw-route-${idFor(cidr)}`, {
          transitGatewayRouteTableId: routeTableId,
          destinationCidrBlock: cidr,
          transitGatewayAttachmentId: vpnAttachment,
        });
      }
    }
  }
}
