import { DirectConnect, DirectConnectProps } from '../src/connectivity/direct-connect';
import { TransitGateway } from '../src/connectivity/transit-gateway';
import { VirtualPrivateGateway } from '../src/connectivity/vpn-gateway';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

type Resources = Record<string, Record<string, unknown>>;
const only = (resources: Resources | undefined) => Object.values(resources ?? {});

function withVgw(props: Partial<DirectConnectProps> = {}) {
  const stack = testStack();
  const network = testNetwork(stack);
  const vgw = new VirtualPrivateGateway(stack, 'vgw', { network, name: 'onprem' });
  const dx = new DirectConnect(stack, 'dx', {
    name: 'onprem',
    gateway: { kind: 'vgw', gateway: vgw },
    allowedPrefixes: [network.cidr],
    ...props,
  });
  return { stack, dx };
}

function withTgw(props: Partial<DirectConnectProps> = {}) {
  const stack = testStack();
  const tgw = new TransitGateway(stack, 'tgw', { name: 'hub' });
  new DirectConnect(stack, 'dx', {
    name: 'onprem',
    gateway: { kind: 'tgw', gateway: tgw },
    allowedPrefixes: ['10.0.0.0/16'],
    ...props,
  });
  return { stack };
}

const vif = { connectionId: 'dxcon-fgh1jk2l', vlan: 101, customerAsn: 65010 };

describe('DirectConnect', () => {
  test('creates a Direct Connect gateway (ASN 64513) associated with the VGW, advertising the allowed prefixes', () => {
    const { stack } = withVgw();
    const resource = synthObject(stack).resource;
    expect(only(resource.aws_dx_gateway)).toEqual([
      expect.objectContaining({ name: 'onprem', amazon_side_asn: '64513' }),
    ]);
    expect(only(resource.aws_dx_gateway_association)).toEqual([
      expect.objectContaining({
        dx_gateway_id: expect.stringContaining('aws_dx_gateway.'),
        associated_gateway_id: expect.stringContaining('aws_vpn_gateway.'),
        allowed_prefixes: ['10.0.0.0/16'],
      }),
    ]);
    expect(resource.aws_dx_private_virtual_interface).toBeUndefined();
  });

  test('associates with a Transit Gateway', () => {
    const { stack } = withTgw();
    const [association] = only(synthObject(stack).resource.aws_dx_gateway_association);
    expect(association.associated_gateway_id).toEqual(
      expect.stringContaining('aws_ec2_transit_gateway.'),
    );
  });

  test('uses an existing Direct Connect gateway', () => {
    const { stack, dx } = withVgw({ existingGatewayId: '5f294f92-bafb-4011-916d-9b0bd1f2a3b4' });
    const resource = synthObject(stack).resource;
    expect(resource.aws_dx_gateway).toBeUndefined();
    expect(dx.gatewayId).toBe('5f294f92-bafb-4011-916d-9b0bd1f2a3b4');
    expect(only(resource.aws_dx_gateway_association)[0].dx_gateway_id).toBe(
      '5f294f92-bafb-4011-916d-9b0bd1f2a3b4',
    );
  });

  test('adds a private virtual interface on an existing connection for a VGW', () => {
    const { stack } = withVgw({ virtualInterface: vif });
    expect(only(synthObject(stack).resource.aws_dx_private_virtual_interface)).toEqual([
      expect.objectContaining({
        connection_id: 'dxcon-fgh1jk2l',
        vlan: 101,
        bgp_asn: 65010,
        address_family: 'ipv4',
        mtu: 1500,
      }),
    ]);
  });

  test('adds a transit virtual interface for a Transit Gateway', () => {
    const { stack } = withTgw({ virtualInterface: { ...vif, mtu: 8500 } });
    expect(only(synthObject(stack).resource.aws_dx_transit_virtual_interface)).toEqual([
      expect.objectContaining({ vlan: 101, mtu: 8500 }),
    ]);
  });

  test('fails when the Direct Connect gateway ASN equals the VGW ASN', () => {
    const error = validationErrorOf(() => withVgw({ amazonSideAsn: 64512 }));
    expect(error.codes).toEqual(['SameBgpAsn']);
    expect(error.message).toMatch(
      /SameBgpAsn: props\.amazonSideAsn must differ from the virtual private gateway's ASN 64512, got 64512/,
    );
  });

  test('fails when the virtual interface settings are out of range', () => {
    const error = validationErrorOf(() =>
      withVgw({
        virtualInterface: { connectionId: 'con-1', vlan: 5000, customerAsn: 0, mtu: 8500 },
      }),
    );
    expect(error.codes).toEqual([
      'InvalidConnectionId',
      'InvalidVlan',
      'InvalidBgpAsn',
      'InvalidMtu',
    ]);
    expect(error.message).toMatch(/props\.virtualInterface\.connectionId .*got "con-1"/);
    expect(error.message).toMatch(
      /props\.virtualInterface\.vlan must be a VLAN ID 1-4094, got 5000/,
    );
    expect(error.message).toMatch(
      /props\.virtualInterface\.mtu must be 1500 or 9001 for a private virtual interface, got 8500/,
    );
  });

  test('fails when an existing gateway ID is not a Direct Connect gateway ID', () => {
    const error = validationErrorOf(() => withVgw({ existingGatewayId: 'dxgw-123' }));
    expect(error.codes).toEqual(['InvalidDxGatewayId']);
    expect(error.message).toMatch(/props\.existingGatewayId .*got "dxgw-123"/);
  });
});
