import { HELLO, privateApiStack, ref, Stack, walk, expectRefusedAt } from './fixture';

/** The fixture with an on-premises network behind a Site-to-Site VPN on a virtual private gateway. */
function withVpn(stack: Stack, options: { staticRoute: boolean; propagation: boolean }): Stack {
  const r = stack.resource;
  r.aws_vpn_gateway = { vgw: { vpc_id: ref('aws_vpc.vpc.id') } };
  r.aws_customer_gateway = {
    cgw: { ip_address: '203.0.113.10', type: 'ipsec.1', bgp_asn: '65000' },
  };
  r.aws_vpn_connection = {
    vpn: {
      vpn_gateway_id: ref('aws_vpn_gateway.vgw.id'),
      customer_gateway_id: ref('aws_customer_gateway.cgw.id'),
      static_routes_only: true,
    },
  };
  if (options.staticRoute)
    r.aws_vpn_connection_route = {
      onprem: {
        vpn_connection_id: ref('aws_vpn_connection.vpn.id'),
        destination_cidr_block: '192.168.0.0/20',
      },
    };
  if (options.propagation)
    r.aws_vpn_gateway_route_propagation = {
      a: {
        vpn_gateway_id: ref('aws_vpn_gateway.vgw.id'),
        route_table_id: ref('aws_route_table.rt.id'),
      },
    };
  r.aws_vpc_security_group_ingress_rule.onprem_in = {
    security_group_id: ref('aws_security_group.endpoint.id'),
    ip_protocol: 'tcp',
    from_port: 443,
    to_port: 443,
    cidr_ipv4: '192.168.0.0/20',
  };
  return stack;
}

const FROM_ONPREM = {
  from: { cidr: '192.168.1.10/32', label: 'on-premises host' },
  dns: { kind: 'alias' },
} as const;

describe('network step', () => {
  it('passes within one VPC by its local route', async () => {
    const result = await walk(privateApiStack());
    expect(result.steps.find((s) => s.step === 'network')).toEqual(
      expect.objectContaining({ status: 'pass', address: 'aws_vpc.vpc' }),
    );
  });

  it('routes an on-premises host over a static VPN route, and back by route propagation', async () => {
    const result = await walk(
      withVpn(privateApiStack(), { staticRoute: true, propagation: true }),
      FROM_ONPREM,
    );
    expect(result.ok).toBe(true);
    expect(result.steps.find((s) => s.step === 'network')?.address).toBe('aws_vpn_connection.vpn');
  });

  it('fails when no static VPN route covers the on-premises host', async () => {
    const result = await walk(
      withVpn(privateApiStack(), { staticRoute: false, propagation: true }),
      FROM_ONPREM,
    );
    expectRefusedAt(result, 'network', 'aws_vpn_connection.vpn');
  });

  it("fails when the endpoint's route table has no way back to the on-premises host", async () => {
    const result = await walk(
      withVpn(privateApiStack(), { staticRoute: true, propagation: false }),
      FROM_ONPREM,
    );
    expectRefusedAt(result, 'network', 'aws_route_table.rt');
    expect(result.stoppedAt?.detail).toContain('no return route to 192.168.1.10/32');
  });

  it('fails for a network with no VPN into the VPC', async () => {
    const result = await walk(privateApiStack(), {
      ...FROM_ONPREM,
      dns: { kind: 'endpoint-hostname', header: 'x-apigw-api-id' },
    });
    expectRefusedAt(result, 'network', 'aws_vpc.vpc');
  });

  it('routes between two VPCs only with a route each way', async () => {
    const stack = privateApiStack();
    const r = stack.resource;
    r.aws_vpc.peer = { cidr_block: '10.9.0.0/16' };
    r.aws_subnet.peer = { vpc_id: ref('aws_vpc.peer.id'), cidr_block: '10.9.0.0/24' };
    r.aws_route_table.peer = { vpc_id: ref('aws_vpc.peer.id') };
    r.aws_route_table_association.peer = {
      route_table_id: ref('aws_route_table.peer.id'),
      subnet_id: ref('aws_subnet.peer.id'),
    };
    r.aws_vpc_peering_connection = {
      p: { vpc_id: ref('aws_vpc.peer.id'), peer_vpc_id: ref('aws_vpc.vpc.id') },
    };
    r.aws_route = {
      there: {
        route_table_id: ref('aws_route_table.peer.id'),
        destination_cidr_block: '10.0.0.0/16',
        vpc_peering_connection_id: ref('aws_vpc_peering_connection.p.id'),
      },
    };
    (r.aws_lambda_function.client.vpc_config as { subnet_ids: string[] }).subnet_ids = [
      ref('aws_subnet.peer.id'),
    ];
    r.aws_vpc_security_group_ingress_rule.endpoint_in.referenced_security_group_id = undefined;
    r.aws_vpc_security_group_ingress_rule.endpoint_in.cidr_ipv4 = '10.9.0.0/16';
    const call = {
      ...HELLO,
      dns: { kind: 'endpoint-hostname', header: 'x-apigw-api-id' },
    } as const;
    const oneWay = await walk(stack, call);
    expectRefusedAt(oneWay, 'network', 'aws_route_table.rt');
    r.aws_route.back = {
      route_table_id: ref('aws_route_table.rt.id'),
      destination_cidr_block: '10.9.0.0/16',
      vpc_peering_connection_id: ref('aws_vpc_peering_connection.p.id'),
    };
    const result = await walk(stack, { ...call, expect: { backend: 'api/integration-hello-GET' } });
    expect(result.stoppedAt).toBeUndefined();
    expect(result.steps.find((s) => s.step === 'network')?.detail).toContain(
      'routed between aws_vpc.peer and aws_vpc.vpc',
    );
  });
});
