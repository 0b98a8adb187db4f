import { AccountScope } from '../src/app/account-scope';
import type { ReferenceStack } from '../src/app/reference-stack';
import { VpcPeering } from '../src/connectivity/vpc-peering';
import { Network } from '../src/network/network';
import { synthObject, testStack, validationErrorOf } from './helpers';

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

/** The requester in account 111111111111; the accepter in account 222222222222 (or the same). */
function fixture(
  options: {
    accepterAccount?: string;
    accepterRegion?: string;
    accepterCidr?: string;
    dns?: boolean;
  } = {},
) {
  const stack = testStack();
  const accepterRegion = options.accepterRegion ?? 'us-east-1';
  const scope = new AccountScope(stack, 'account-b', {
    alias: 'b',
    target: { accountId: options.accepterAccount ?? '222222222222', region: accepterRegion },
  });
  const requester = network(stack, 'a', '10.1.0.0/16');
  const accepter = network(scope, 'b', options.accepterCidr ?? '10.2.0.0/16', accepterRegion);
  const build = () =>
    new VpcPeering(stack, 'peering', {
      requester,
      accepter,
      allowRemoteVpcDnsResolution: options.dns,
    });
  return { stack, build };
}

const values = (resources: Record<string, Record<string, unknown>> | undefined) =>
  Object.values(resources ?? {});

describe('VpcPeering', () => {
  test('requests across accounts with the peer owner and accepts explicitly in the accepter account', () => {
    const f = fixture();
    f.build();
    const resource = synthObject(f.stack).resource;
    expect(values(resource.aws_vpc_peering_connection)).toEqual([
      expect.objectContaining({
        provider: 'aws',
        peer_owner_id: '222222222222',
        vpc_id: expect.stringContaining('aws_vpc.a_vpc'),
        peer_vpc_id: expect.stringContaining('aws_vpc.account-b_'),
      }),
    ]);
    const connection = values(resource.aws_vpc_peering_connection)[0];
    expect(connection.auto_accept).toBeUndefined();
    expect(connection.peer_region).toBeUndefined();
    expect(values(resource.aws_vpc_peering_connection_accepter)).toEqual([
      expect.objectContaining({ provider: 'aws.b', auto_accept: true }),
    ]);
  });

  test('routes both ways, each side with its own provider, after the acceptance', () => {
    const f = fixture();
    f.build();
    const routes = values(synthObject(f.stack).resource.aws_route);
    expect(routes).toHaveLength(4);
    expect(
      routes.filter((r) => r.destination_cidr_block === '10.2.0.0/16').map((r) => r.provider),
    ).toEqual(['aws', 'aws']);
    expect(
      routes.filter((r) => r.destination_cidr_block === '10.1.0.0/16').map((r) => r.provider),
    ).toEqual(['aws.b', 'aws.b']);
    for (const route of routes) {
      expect(route.vpc_peering_connection_id).toEqual(
        expect.stringContaining('aws_vpc_peering_connection.'),
      );
      expect(route.depends_on).toEqual([
        expect.stringMatching(/^aws_vpc_peering_connection_accepter\./),
      ]);
    }
  });

  test('each side turns on remote DNS resolution with its own provider', () => {
    const f = fixture();
    f.build();
    const options = values(synthObject(f.stack).resource.aws_vpc_peering_connection_options);
    expect(options).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          provider: 'aws',
          requester: { allow_remote_vpc_dns_resolution: true },
        }),
        expect.objectContaining({
          provider: 'aws.b',
          accepter: { allow_remote_vpc_dns_resolution: true },
        }),
      ]),
    );
  });

  test('allowRemoteVpcDnsResolution false turns the option off on both sides', () => {
    const f = fixture({ dns: false });
    f.build();
    const options = values(synthObject(f.stack).resource.aws_vpc_peering_connection_options);
    expect(options.map((o) => JSON.stringify(o))).toEqual([
      expect.stringContaining('"allow_remote_vpc_dns_resolution":false'),
      expect.stringContaining('"allow_remote_vpc_dns_resolution":false'),
    ]);
  });

  test('an accepter in another Region sets the peer Region', () => {
    const f = fixture({ accepterRegion: 'us-west-2' });
    f.build();
    const resource = synthObject(f.stack).resource;
    expect(values(resource.aws_vpc_peering_connection)[0]).toEqual(
      expect.objectContaining({ peer_region: 'us-west-2' }),
    );
    expect(values(resource.aws_vpc_peering_connection_accepter)).toHaveLength(1);
  });

  test('the same account and Region accepts itself without an accepter resource', () => {
    const f = fixture({ accepterAccount: '111111111111' });
    f.build();
    const resource = synthObject(f.stack).resource;
    expect(values(resource.aws_vpc_peering_connection)[0]).toEqual(
      expect.objectContaining({ auto_accept: true }),
    );
    expect(values(resource.aws_vpc_peering_connection)[0].peer_owner_id).toBeUndefined();
    expect(resource.aws_vpc_peering_connection_accepter).toBeUndefined();
  });

  test('fails when the CIDRs overlap', () => {
    const f = fixture({ accepterCidr: '10.1.0.0/20' });
    const error = validationErrorOf(f.build);
    expect(error.codes).toEqual(['OverlappingCidrs']);
    expect(error.message).toMatch(
      /OverlappingCidrs: props\.accepter\.cidr must not overlap the requester's CIDR 10\.1\.0\.0\/16.*"10\.1\.0\.0\/20"/,
    );
  });
});
