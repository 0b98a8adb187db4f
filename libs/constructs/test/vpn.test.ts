import type { ReferenceStack } from '../src/app/reference-stack';
import { TransitGateway } from '../src/connectivity/transit-gateway';
import { SiteToSiteVpn, SiteToSiteVpnProps } from '../src/connectivity/vpn';
import { VirtualPrivateGateway } from '../src/connectivity/vpn-gateway';
import type { Network } from '../src/network/network';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

type Resources = Record<string, Record<string, unknown>>;
const only = (resources: Resources | undefined) => Object.values(resources ?? {});

interface Fixture {
  readonly stack: ReferenceStack;
  readonly network: Network;
}

function fixture(): Fixture {
  const stack = testStack();
  return { stack, network: testNetwork(stack) };
}

function vgwVpn(
  f: Fixture,
  props: Partial<SiteToSiteVpnProps> = {},
  amazonSideAsn?: number,
): SiteToSiteVpn {
  const gateway = new VirtualPrivateGateway(f.stack, 'vgw', {
    network: f.network,
    name: 'onprem',
    amazonSideAsn,
  });
  return new SiteToSiteVpn(f.stack, 'vpn', {
    name: 'onprem',
    network: f.network,
    gateway: { kind: 'vgw', gateway },
    routing: 'static',
    customerGateway: { ipAddress: '203.0.113.10', bgpAsn: 65010 },
    onPremisesCidrs: ['192.168.0.0/20', '172.20.0.0/16'],
    logRetentionDays: 30,
    ...props,
  });
}

function tgwVpn(
  f: Fixture,
  routing: 'static' | 'bgp',
  tgwRouting: 'default' | 'dedicated' = 'default',
): TransitGateway {
  const tgw = new TransitGateway(f.stack, 'tgw', { name: 'hub', routing: tgwRouting });
  new SiteToSiteVpn(f.stack, 'vpn', {
    name: 'onprem',
    network: f.network,
    gateway: { kind: 'tgw', gateway: tgw },
    routing,
    customerGateway: { ipAddress: '203.0.113.10', bgpAsn: 65010 },
    onPremisesCidrs: ['192.168.0.0/20'],
    logRetentionDays: 30,
  });
  return tgw;
}

describe('VirtualPrivateGateway', () => {
  test('attaches to the VPC with ASN 64512 and propagates into every private route table', () => {
    const f = fixture();
    new VirtualPrivateGateway(f.stack, 'vgw', { network: f.network, name: 'onprem' });
    const resource = synthObject(f.stack).resource;
    expect(only(resource.aws_vpn_gateway)).toEqual([
      expect.objectContaining({
        amazon_side_asn: '64512',
        vpc_id: expect.stringContaining('aws_vpc.'),
      }),
    ]);
    const propagations = only(resource.aws_vpn_gateway_route_propagation);
    expect(propagations).toHaveLength(2);
    for (const p of propagations)
      expect(p.route_table_id).toEqual(expect.stringContaining('aws_route_table.'));
  });

  test('uses the given Amazon side ASN', () => {
    const f = fixture();
    new VirtualPrivateGateway(f.stack, 'vgw', {
      network: f.network,
      name: 'onprem',
      amazonSideAsn: 4200000001,
    });
    expect(only(synthObject(f.stack).resource.aws_vpn_gateway)[0].amazon_side_asn).toBe(
      '4200000001',
    );
  });

  test('fails when the Amazon side ASN is not a private ASN', () => {
    const f = fixture();
    const error = validationErrorOf(
      () =>
        new VirtualPrivateGateway(f.stack, 'vgw', {
          network: f.network,
          name: 'onprem',
          amazonSideAsn: 65010000,
        }),
    );
    expect(error.codes).toEqual(['InvalidAmazonSideAsn']);
    expect(error.message).toMatch(
      /InvalidAmazonSideAsn: props\.amazonSideAsn .*64512-65534.*got 65010000/,
    );
  });
});

describe('SiteToSiteVpn', () => {
  test('builds a customer gateway and an IKEv2-only connection with strong algorithms, tunnel logs and keys out of state', () => {
    const f = fixture();
    vgwVpn(f);
    const resource = synthObject(f.stack).resource;
    expect(only(resource.aws_customer_gateway)).toEqual([
      expect.objectContaining({ type: 'ipsec.1', ip_address: '203.0.113.10', bgp_asn: '65010' }),
    ]);
    const [connection] = only(resource.aws_vpn_connection);
    expect(connection).toEqual(
      expect.objectContaining({
        vpn_gateway_id: expect.stringContaining('aws_vpn_gateway.'),
        static_routes_only: true,
        preshared_key_storage: 'SecretsManager',
      }),
    );
    expect(connection.transit_gateway_id).toBeUndefined();
    for (const tunnel of ['tunnel1', 'tunnel2']) {
      expect(connection[`${tunnel}_ike_versions`]).toEqual(['ikev2']);
      expect(connection[`${tunnel}_phase1_encryption_algorithms`]).toEqual([
        'AES256-GCM-16',
        'AES256',
      ]);
      expect(connection[`${tunnel}_phase2_integrity_algorithms`]).toEqual([
        'SHA2-512',
        'SHA2-384',
        'SHA2-256',
      ]);
      expect(connection[`${tunnel}_phase1_dh_group_numbers`]).toEqual([21, 20, 19]);
      expect(connection[`${tunnel}_phase2_dh_group_numbers`]).toEqual([21, 20, 19]);
      expect(connection[`${tunnel}_log_options`]).toEqual({
        cloudwatch_log_options: {
          log_enabled: true,
          log_group_arn: expect.stringContaining('aws_cloudwatch_log_group.'),
          log_output_format: 'json',
        },
      });
    }
    expect(only(resource.aws_cloudwatch_log_group)).toContainEqual(
      expect.objectContaining({ name: '/vpn/onprem/tunnels', retention_in_days: 30 }),
    );
  });

  test('static routing on a VGW: one VPN connection route per on-premises CIDR', () => {
    const f = fixture();
    vgwVpn(f);
    const routes = only(synthObject(f.stack).resource.aws_vpn_connection_route);
    expect(routes.map((r) => r.destination_cidr_block).sort()).toEqual([
      '172.20.0.0/16',
      '192.168.0.0/20',
    ]);
  });

  test('BGP routing on a VGW: no static routes', () => {
    const f = fixture();
    vgwVpn(f, { routing: 'bgp' });
    const resource = synthObject(f.stack).resource;
    expect(only(resource.aws_vpn_connection)[0].static_routes_only).toBe(false);
    expect(resource.aws_vpn_connection_route).toBeUndefined();
  });

  test('on a Transit Gateway: attaches the VPC with routes to on premises and routes the CIDRs to the VPN attachment', () => {
    const f = fixture();
    const tgw = tgwVpn(f, 'static');
    const resource = synthObject(f.stack).resource;
    const [connection] = only(resource.aws_vpn_connection);
    expect(connection.transit_gateway_id).toEqual(
      expect.stringContaining('aws_ec2_transit_gateway.'),
    );
    expect(connection.vpn_gateway_id).toBeUndefined();
    expect(Object.keys(tgw.attachments)).toEqual(['onprem']);
    const vpcRoutes = only(resource.aws_route).filter(
      (r) => r.destination_cidr_block === '192.168.0.0/20',
    );
    expect(vpcRoutes).toHaveLength(2);
    expect(only(resource.aws_ec2_transit_gateway_route)).toEqual([
      expect.objectContaining({
        destination_cidr_block: '192.168.0.0/20',
        transit_gateway_attachment_id: expect.stringMatching(
          /aws_vpn_connection\..*\.transit_gateway_attachment_id/,
        ),
        transit_gateway_route_table_id: expect.stringContaining(
          'association_default_route_table_id',
        ),
      }),
    ]);
  });

  test('BGP on a Transit Gateway with a dedicated route table: the VPN attachment associates and propagates', () => {
    const f = fixture();
    tgwVpn(f, 'bgp', 'dedicated');
    const resource = synthObject(f.stack).resource;
    const vpnAttachment = expect.stringMatching(
      /aws_vpn_connection\..*\.transit_gateway_attachment_id/,
    );
    expect(only(resource.aws_ec2_transit_gateway_route_table_association)).toContainEqual(
      expect.objectContaining({ transit_gateway_attachment_id: vpnAttachment }),
    );
    expect(only(resource.aws_ec2_transit_gateway_route_table_propagation)).toContainEqual(
      expect.objectContaining({ transit_gateway_attachment_id: vpnAttachment }),
    );
    expect(resource.aws_ec2_transit_gateway_route).toBeUndefined();
  });

  test('sets the given inside tunnel CIDRs', () => {
    const f = fixture();
    vgwVpn(f, { insideCidrs: ['169.254.10.0/30', '169.254.11.0/30'] });
    const [connection] = only(synthObject(f.stack).resource.aws_vpn_connection);
    expect([connection.tunnel1_inside_cidr, connection.tunnel2_inside_cidr]).toEqual([
      '169.254.10.0/30',
      '169.254.11.0/30',
    ]);
  });

  test('takes crypto overrides and keeps the strong defaults for the rest', () => {
    const f = fixture();
    vgwVpn(f, { crypto: { phase1DhGroupNumbers: [14, 19] } });
    const [connection] = only(synthObject(f.stack).resource.aws_vpn_connection);
    expect(connection.tunnel1_phase1_dh_group_numbers).toEqual([14, 19]);
    expect(connection.tunnel1_ike_versions).toEqual(['ikev2']);
  });

  test('fails when an on-premises CIDR overlaps the VPC', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      vgwVpn(f, { onPremisesCidrs: ['192.168.0.0/20', '10.0.128.0/17'] }),
    );
    expect(error.codes).toEqual(['OnPremisesOverlapsVpc']);
    expect(error.message).toMatch(
      /OnPremisesOverlapsVpc: props\.onPremisesCidrs\[1\] must not overlap the VPC CIDR 10\.0\.0\.0\/16, got "10\.0\.128\.0\/17"/,
    );
  });

  test.each([0, 2147483648, 7224, 65010.5])(
    'fails when the BGP ASN is out of range (%p)',
    (asn) => {
      const f = fixture();
      const error = validationErrorOf(() =>
        vgwVpn(f, { customerGateway: { ipAddress: '203.0.113.10', bgpAsn: asn } }),
      );
      expect(error.codes).toEqual(['InvalidBgpAsn']);
      expect(error.message).toMatch(
        new RegExp(
          `InvalidBgpAsn: props\\.customerGateway\\.bgpAsn must be a whole number 1-2147483647 .*got ${asn}`,
        ),
      );
    },
  );

  test('fails when the customer ASN equals the Amazon side ASN with BGP', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      vgwVpn(f, { routing: 'bgp', customerGateway: { ipAddress: '203.0.113.10', bgpAsn: 64512 } }),
    );
    expect(error.codes).toEqual(['SameBgpAsn']);
    expect(error.message).toMatch(/SameBgpAsn: props\.customerGateway\.bgpAsn .*64512/);
  });

  test('fails when the device address is not public', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      vgwVpn(f, { customerGateway: { ipAddress: '192.168.1.1', bgpAsn: 65010 } }),
    );
    expect(error.codes).toEqual(['InvalidCustomerGatewayIp']);
    expect(error.message).toMatch(
      /props\.customerGateway\.ipAddress must be the public IPv4 address .*got "192\.168\.1\.1"/,
    );
  });

  test('fails when an inside CIDR is reserved or not a /30', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      vgwVpn(f, { insideCidrs: ['169.254.169.252/30', '169.254.12.0/29'] }),
    );
    expect(error.codes).toEqual(['InvalidInsideCidr', 'InvalidInsideCidr']);
    expect(error.message).toMatch(
      /props\.insideCidrs\[0\] must be a \/30 in 169\.254\.0\.0\/16 .*got "169\.254\.169\.252\/30"/,
    );
    expect(error.message).toMatch(/props\.insideCidrs\[1\] .*got "169\.254\.12\.0\/29"/);
  });

  test('fails when a crypto setting names an algorithm AWS does not offer', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      vgwVpn(f, { crypto: { phase1EncryptionAlgorithms: ['3DES'] } }),
    );
    expect(error.codes).toEqual(['InvalidTunnelCrypto']);
    expect(error.message).toMatch(
      /props\.crypto\.phase1EncryptionAlgorithms\[0\] must be one of AES128, AES256, .*got "3DES"/,
    );
  });
});
