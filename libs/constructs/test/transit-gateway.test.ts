import { AccountScope } from '../src/app/account-scope';
import type { ReferenceStack } from '../src/app/reference-stack';
import { TransitGateway, TransitGatewayProps } from '../src/connectivity/transit-gateway';
import { Network } from '../src/network/network';
import { synthObject, testStack, validationErrorOf } from './helpers';

type Resources = Record<string, Record<string, unknown>>;

function network(
  scope: ReferenceStack | AccountScope,
  id: string,
  cidr: string,
  region = 'us-east-1',
): Network {
  return new Network(scope, id, {
    name: id,
    cidr,
    azs: [`${region}a`, `${region}b`],
    flowLogs: { retentionDays: 30 },
  });
}

/** Account 111111111111 owns the TGW and network a; account 222222222222 holds network b. */
function fixture(
  props: Partial<TransitGatewayProps> = {},
  bCidr = '10.2.0.0/16',
  bRegion = 'us-east-1',
) {
  const stack = testStack();
  const b = new AccountScope(stack, 'account-b', {
    alias: 'b',
    target: { accountId: '222222222222', region: bRegion },
  });
  const networkA = network(stack, 'a', '10.1.0.0/16');
  const networkB = network(b, 'b', bCidr, bRegion);
  const tgw = new TransitGateway(stack, 'tgw', { name: 'hub', ...props });
  return { stack, tgw, networkA, networkB };
}

function connectBoth(f: ReturnType<typeof fixture>) {
  f.tgw.attach('a', f.networkA, { routesTo: [f.networkB.cidr] });
  f.tgw.attach('b', f.networkB, { routesTo: [f.networkA.cidr] });
  return synthObject(f.stack).resource;
}

const only = (resources: Resources | undefined) => Object.values(resources ?? {});

describe('TransitGateway', () => {
  test('never auto-accepts shared attachments and uses the default route table by default', () => {
    const f = fixture();
    const resource = connectBoth(f);
    expect(only(resource.aws_ec2_transit_gateway)).toEqual([
      expect.objectContaining({
        auto_accept_shared_attachments: 'disable',
        default_route_table_association: 'enable',
        default_route_table_propagation: 'enable',
        amazon_side_asn: 64512,
      }),
    ]);
    expect(resource.aws_ec2_transit_gateway_route_table).toBeUndefined();
  });

  test('shares the Transit Gateway with the other account through RAM', () => {
    const resource = connectBoth(fixture());
    expect(only(resource.aws_ram_resource_share)).toEqual([
      expect.objectContaining({ allow_external_principals: false }),
    ]);
    expect(only(resource.aws_ram_resource_association)).toHaveLength(1);
    expect(only(resource.aws_ram_principal_association)).toEqual([
      expect.objectContaining({ principal: '222222222222' }),
    ]);
    expect(resource.aws_ram_resource_share_accepter).toBeUndefined();
  });

  test('the other account attaches with its provider and the owner accepts explicitly', () => {
    const resource = connectBoth(fixture());
    const attachments = resource.aws_ec2_transit_gateway_vpc_attachment;
    const attachmentB = Object.entries(attachments).find(([key]) =>
      key.includes('attachment-b'),
    )![1];
    expect(attachmentB.provider).toBe('aws.b');
    expect(attachmentB.transit_gateway_default_route_table_association).toBeUndefined();
    expect(attachmentB.depends_on).toEqual(
      expect.arrayContaining([expect.stringMatching(/^aws_ram_principal_association\./)]),
    );
    const accepters = only(resource.aws_ec2_transit_gateway_vpc_attachment_accepter);
    expect(accepters).toEqual([
      expect.objectContaining({
        provider: 'aws',
        transit_gateway_attachment_id: expect.stringMatching(/attachment-b.*\.id/),
        transit_gateway_default_route_table_association: true,
        transit_gateway_default_route_table_propagation: true,
      }),
    ]);
  });

  test('the owner attaches its own network without an accepter', () => {
    const f = fixture();
    f.tgw.attach('a', f.networkA, { routesTo: ['10.2.0.0/16'] });
    const resource = synthObject(f.stack).resource;
    expect(only(resource.aws_ec2_transit_gateway_vpc_attachment)).toEqual([
      expect.objectContaining({
        provider: 'aws',
        transit_gateway_default_route_table_association: true,
      }),
    ]);
    expect(resource.aws_ec2_transit_gateway_vpc_attachment_accepter).toBeUndefined();
    expect(resource.aws_ram_resource_share).toBeUndefined();
  });

  test('routes both ways, each in its own account, after the acceptance', () => {
    const resource = connectBoth(fixture());
    const routes = only(resource.aws_route);
    expect(routes).toHaveLength(4);
    const toB = routes.filter((r) => r.destination_cidr_block === '10.2.0.0/16');
    const toA = routes.filter((r) => r.destination_cidr_block === '10.1.0.0/16');
    expect(toB).toHaveLength(2);
    expect(toA).toHaveLength(2);
    for (const route of toB)
      expect(route).toEqual(
        expect.objectContaining({
          provider: 'aws',
          transit_gateway_id: expect.stringContaining('aws_ec2_transit_gateway.'),
        }),
      );
    for (const route of toA) {
      expect(route.provider).toBe('aws.b');
      expect(route.depends_on).toEqual([
        expect.stringMatching(/^aws_ec2_transit_gateway_vpc_attachment_accepter\./),
      ]);
    }
  });

  test('routing dedicated turns the default route table off and associates and propagates each attachment', () => {
    const resource = connectBoth(fixture({ routing: 'dedicated' }));
    expect(only(resource.aws_ec2_transit_gateway)[0]).toEqual(
      expect.objectContaining({
        default_route_table_association: 'disable',
        default_route_table_propagation: 'disable',
      }),
    );
    expect(only(resource.aws_ec2_transit_gateway_route_table)).toHaveLength(1);
    expect(only(resource.aws_ec2_transit_gateway_route_table_association)).toHaveLength(2);
    expect(only(resource.aws_ec2_transit_gateway_route_table_propagation)).toHaveLength(2);
    expect(only(resource.aws_ec2_transit_gateway_vpc_attachment_accepter)[0]).toEqual(
      expect.objectContaining({ transit_gateway_default_route_table_association: false }),
    );
  });

  test('allowExternalPrincipals accepts the RAM invitation in the other account', () => {
    const resource = connectBoth(fixture({ allowExternalPrincipals: true }));
    expect(only(resource.aws_ram_resource_share)[0]).toEqual(
      expect.objectContaining({ allow_external_principals: true }),
    );
    expect(only(resource.aws_ram_resource_share_accepter)).toEqual([
      expect.objectContaining({ provider: 'aws.b' }),
    ]);
  });

  test('an owner in another AccountScope accepts with its own provider', () => {
    const stack = testStack();
    const b = new AccountScope(stack, 'account-b', {
      alias: 'b',
      target: { accountId: '222222222222', region: 'us-east-1' },
    });
    const networkA = network(stack, 'a', '10.1.0.0/16');
    const networkB = network(b, 'b', '10.2.0.0/16');
    const tgw = new TransitGateway(b, 'tgw', { name: 'hub' });
    tgw.attach('a', networkA, { routesTo: [networkB.cidr] });
    tgw.attach('b', networkB, { routesTo: [networkA.cidr] });
    const resource = synthObject(stack).resource;
    expect(only(resource.aws_ec2_transit_gateway)[0].provider).toBe('aws.b');
    expect(only(resource.aws_ram_principal_association)).toEqual([
      expect.objectContaining({ principal: '111111111111', provider: 'aws.b' }),
    ]);
    expect(only(resource.aws_ec2_transit_gateway_vpc_attachment_accepter)).toEqual([
      expect.objectContaining({
        provider: 'aws.b',
        transit_gateway_attachment_id: expect.stringMatching(/attachment-a.*\.id/),
      }),
    ]);
  });

  test('fails when two attached networks overlap', () => {
    const f = fixture({}, '10.1.128.0/17');
    f.tgw.attach('a', f.networkA, { routesTo: ['10.9.0.0/16'] });
    const error = validationErrorOf(() =>
      f.tgw.attach('b', f.networkB, { routesTo: ['10.9.0.0/16'] }),
    );
    expect(error.codes).toEqual(['OverlappingCidrs']);
    expect(error.message).toMatch(
      /OverlappingCidrs: attach\(b\)\.network\.cidr must not overlap 10\.1\.0\.0\/16 .*"10\.1\.128\.0\/17"/,
    );
  });

  test('fails when a route points at the network itself', () => {
    const f = fixture();
    const error = validationErrorOf(() =>
      f.tgw.attach('a', f.networkA, { routesTo: ['10.1.5.0/24'] }),
    );
    expect(error.codes).toEqual(['OverlappingCidrs']);
    expect(error.message).toMatch(/attach\(a\)\.routesTo\[0\] .*"10\.1\.5\.0\/24"/);
  });

  test('fails when the network is in another Region', () => {
    const f = fixture({}, '10.2.0.0/16', 'eu-west-1');
    const error = validationErrorOf(() =>
      f.tgw.attach('b', f.networkB, { routesTo: ['10.1.0.0/16'] }),
    );
    expect(error.codes).toEqual(['RegionMismatch']);
    expect(error.message).toMatch(
      /attach\(b\)\.network must be in the Transit Gateway's Region us-east-1.*"eu-west-1"/,
    );
  });

  test('fails when the ASN is not private', () => {
    const error = validationErrorOf(() => fixture({ amazonSideAsn: 100 }));
    expect(error.codes).toEqual(['InvalidAsn']);
    expect(error.message).toMatch(/props\.amazonSideAsn .*got 100/);
  });
});
