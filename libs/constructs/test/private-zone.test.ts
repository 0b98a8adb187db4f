import { PrivateZone, PrivateZoneProps } from '../src/dns/private-zone';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

type Resources = Record<string, Record<string, unknown>>;
const only = (resources: Resources | undefined) => Object.values(resources ?? {});

function zone(props: Partial<PrivateZoneProps> = {}) {
  const stack = testStack();
  const network = testNetwork(stack);
  const z = new PrivateZone(stack, 'zone', {
    name: 'onprem.example.internal',
    vpcs: [network],
    ...props,
  });
  return { stack, zone: z };
}

describe('PrivateZone', () => {
  test('is associated with the network VPC in its Region', () => {
    const { stack } = zone();
    expect(only(synthObject(stack).resource.aws_route53_zone)).toEqual([
      expect.objectContaining({
        name: 'onprem.example.internal',
        vpc: [{ vpc_id: expect.stringContaining('aws_vpc.'), vpc_region: 'us-east-1' }],
      }),
    ]);
  });

  test('is associated with several VPCs, also ones known by ID in another Region', () => {
    const stack = testStack();
    new PrivateZone(stack, 'zone', {
      name: 'api.example.internal.',
      vpcs: [testNetwork(stack), { vpcId: 'vpc-0abc1234def567890', region: 'us-west-2' }],
    });
    const [resource] = only(synthObject(stack).resource.aws_route53_zone);
    expect(resource.name).toBe('api.example.internal');
    expect(resource.vpc).toEqual([
      expect.objectContaining({ vpc_region: 'us-east-1' }),
      { vpc_id: 'vpc-0abc1234def567890', vpc_region: 'us-west-2' },
    ]);
  });

  test('addAlias makes an A alias in the zone, with routing settings when given', () => {
    const { stack, zone: z } = zone();
    z.addAlias('api', 'api', {
      dnsName: 'vpce-1.execute-api.us-east-1.vpce.amazonaws.com',
      zoneId: 'Z7HUB22UULQXV',
    });
    z.addAlias(
      'api-primary',
      'failover.onprem.example.internal',
      { dnsName: 'nlb.example', zoneId: 'Z26RNL4JYFTOTI', evaluateTargetHealth: true },
      {
        setIdentifier: 'primary',
        failoverRoutingPolicy: { type: 'PRIMARY' },
      },
    );
    const records = only(synthObject(stack).resource.aws_route53_record);
    expect(records).toContainEqual(
      expect.objectContaining({
        name: 'api.onprem.example.internal',
        type: 'A',
        alias: {
          name: 'vpce-1.execute-api.us-east-1.vpce.amazonaws.com',
          zone_id: 'Z7HUB22UULQXV',
          evaluate_target_health: false,
        },
      }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({
        name: 'failover.onprem.example.internal',
        set_identifier: 'primary',
        failover_routing_policy: { type: 'PRIMARY' },
      }),
    );
  });

  test('addCname makes a CNAME with a TTL of 300 by default', () => {
    const { stack, zone: z } = zone();
    z.addCname('docs', 'docs', 'portal.corp.example');
    expect(only(synthObject(stack).resource.aws_route53_record)).toEqual([
      expect.objectContaining({
        name: 'docs.onprem.example.internal',
        type: 'CNAME',
        ttl: 300,
        records: ['portal.corp.example'],
      }),
    ]);
  });

  test('fails when the zone name is not a DNS name of two labels', () => {
    const error = validationErrorOf(() => zone({ name: 'internal' }));
    expect(error.codes).toEqual(['InvalidZoneName']);
    expect(error.message).toMatch(
      /InvalidZoneName: props\.name must be a DNS name of two or more labels.*got "internal"/,
    );
  });

  test('fails when no VPC is given', () => {
    const error = validationErrorOf(() => zone({ vpcs: [] }));
    expect(error.codes).toEqual(['NoVpcs']);
  });

  test('fails when a CNAME sits at the apex', () => {
    const { zone: z } = zone();
    const error = validationErrorOf(() => z.addCname('apex', '@', 'portal.corp.example'));
    expect(error.codes).toEqual(['CnameAtApex']);
    expect(error.message).toMatch(/CnameAtApex: name must not be the zone apex.*got "@"/);
  });

  test('fails when a record name is not a DNS name', () => {
    const { zone: z } = zone();
    const error = validationErrorOf(() =>
      z.addAlias('bad', '*bad', { dnsName: 'x.example', zoneId: 'Z1' }),
    );
    expect(error.codes).toEqual(['InvalidRecordName']);
    expect(error.message).toMatch(
      /name must be a DNS name in zone onprem\.example\.internal.*got "\*bad"/,
    );
  });
});
