import {
  addressInSubnet,
  InboundResolverEndpoint,
  InboundResolverEndpointProps,
  OutboundResolverEndpoint,
  OutboundResolverEndpointProps,
} from '../src/dns/resolver';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

type Resources = Record<string, Record<string, unknown>>;
const only = (resources: Resources | undefined) => Object.values(resources ?? {});

function inbound(props: Partial<InboundResolverEndpointProps> = {}) {
  const stack = testStack();
  const network = testNetwork(stack);
  const endpoint = new InboundResolverEndpoint(stack, 'inbound', {
    network,
    name: 'onprem',
    clientCidrs: ['192.168.0.0/20'],
    ...props,
  });
  return { stack, endpoint };
}

function outbound(props: Partial<OutboundResolverEndpointProps> = {}) {
  const stack = testStack();
  const network = testNetwork(stack);
  new OutboundResolverEndpoint(stack, 'outbound', {
    network,
    name: 'onprem',
    rules: {
      corp: {
        domainName: 'corp.example.internal',
        targets: [{ ip: '192.168.0.10' }, { ip: '192.168.0.11' }],
      },
    },
    ...props,
  });
  return { stack };
}

describe('addressInSubnet', () => {
  test('counts the offset from the network address', () => {
    expect(addressInSubnet('10.0.16.0/20', 53)).toBe('10.0.16.53');
  });
});

describe('InboundResolverEndpoint', () => {
  test('has one address in each AZ subnet and admits TCP and UDP 53 only from the client networks', () => {
    const { stack } = inbound();
    const resource = synthObject(stack).resource;
    const [endpoint] = only(resource.aws_route53_resolver_endpoint);
    expect(endpoint).toEqual(
      expect.objectContaining({ direction: 'INBOUND', protocols: ['Do53'] }),
    );
    const addresses = endpoint.ip_address as { subnet_id: string }[];
    expect(addresses).toHaveLength(2);
    expect(addresses[0].subnet_id).toMatch(/aws_subnet\.network_private-us-east-1a/);
    expect(addresses[1].subnet_id).toMatch(/aws_subnet\.network_private-us-east-1b/);
    const ingress = only(resource.aws_vpc_security_group_ingress_rule);
    expect(ingress.map((r) => [r.ip_protocol, r.from_port, r.to_port, r.cidr_ipv4]).sort()).toEqual(
      [
        ['tcp', 53, 53, '192.168.0.0/20'],
        ['udp', 53, 53, '192.168.0.0/20'],
      ],
    );
    expect(resource.aws_vpc_security_group_egress_rule).toBeUndefined();
  });

  test('uses fixed addresses, which are then known to outputs', () => {
    const { stack, endpoint } = inbound({
      addresses: { 'us-east-1a': '10.0.0.53', 'us-east-1b': '10.0.16.53' },
    });
    const [resource] = only(synthObject(stack).resource.aws_route53_resolver_endpoint);
    expect((resource.ip_address as { ip: string }[]).map((a) => a.ip)).toEqual([
      '10.0.0.53',
      '10.0.16.53',
    ]);
    expect(endpoint.addresses).toEqual(['10.0.0.53', '10.0.16.53']);
  });

  test('fails when it has fewer than two AZs', () => {
    const error = validationErrorOf(() => inbound({ azs: ['us-east-1a'] }));
    expect(error.codes).toEqual(['TooFewResolverAzs']);
    expect(error.message).toMatch(
      /TooFewResolverAzs: props\.azs must name at least two different Availability Zones.*got \["us-east-1a"\]/,
    );
  });

  test('fails when the same AZ is named twice', () => {
    const error = validationErrorOf(() => inbound({ azs: ['us-east-1a', 'us-east-1a'] }));
    expect(error.codes).toEqual(['TooFewResolverAzs']);
  });

  test('fails when a fixed address lies outside its subnet or is reserved', () => {
    const error = validationErrorOf(() =>
      inbound({ addresses: { 'us-east-1a': '10.0.16.53', 'us-east-1b': '10.0.16.2' } }),
    );
    expect(error.codes).toEqual(['InvalidResolverAddress', 'InvalidResolverAddress']);
    expect(error.message).toMatch(
      /props\.addresses\.us-east-1a must lie in the AZ's subnet 10\.0\.0\.0\/20, got "10\.0\.16\.53"/,
    );
    expect(error.message).toMatch(
      /props\.addresses\.us-east-1b must not be one of the addresses AWS reserves/,
    );
  });

  test('fails when no client network is given', () => {
    const error = validationErrorOf(() => inbound({ clientCidrs: [] }));
    expect(error.codes).toEqual(['NoClients']);
  });
});

describe('OutboundResolverEndpoint', () => {
  test('forwards each rule to its targets, associates it with the VPC and lets DNS out to the targets only', () => {
    const { stack } = outbound();
    const resource = synthObject(stack).resource;
    expect(only(resource.aws_route53_resolver_endpoint)).toEqual([
      expect.objectContaining({ direction: 'OUTBOUND' }),
    ]);
    expect(only(resource.aws_route53_resolver_rule)).toEqual([
      expect.objectContaining({
        domain_name: 'corp.example.internal',
        rule_type: 'FORWARD',
        target_ip: [
          { ip: '192.168.0.10', port: 53 },
          { ip: '192.168.0.11', port: 53 },
        ],
      }),
    ]);
    expect(only(resource.aws_route53_resolver_rule_association)).toEqual([
      expect.objectContaining({ vpc_id: expect.stringContaining('aws_vpc.') }),
    ]);
    const egress = only(resource.aws_vpc_security_group_egress_rule);
    expect(new Set(egress.map((r) => r.cidr_ipv4))).toEqual(
      new Set(['192.168.0.10/32', '192.168.0.11/32']),
    );
    expect(new Set(egress.map((r) => r.from_port))).toEqual(new Set([53]));
    expect(resource.aws_vpc_security_group_ingress_rule).toBeUndefined();
  });

  test('fails when it has fewer than two AZs', () => {
    const error = validationErrorOf(() => outbound({ azs: ['us-east-1b'] }));
    expect(error.codes).toEqual(['TooFewResolverAzs']);
    expect(error.message).toMatch(/props\.azs .*got \["us-east-1b"\]/);
  });

  test('fails when a rule has a bad domain or target', () => {
    const error = validationErrorOf(() =>
      outbound({
        rules: { bad: { domainName: 'corp..example', targets: [{ ip: '300.1.1.1', port: 0 }] } },
      }),
    );
    expect(error.codes).toEqual(['InvalidDomainName', 'InvalidTargetIp', 'InvalidPort']);
    expect(error.message).toMatch(
      /props\.rules\.bad\.targets\[0\]\.ip must be an IPv4 address, got "300\.1\.1\.1"/,
    );
  });
});
