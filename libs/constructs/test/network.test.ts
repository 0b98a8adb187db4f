import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { Testing } from 'cdktf';
import { Network } from '../src/network/network';
import { SecurityGroup } from '../src/network/security-group';
import { LogGroup } from '../src/logging/log-group';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

describe('Network', () => {
  test('a VPC with DNS support and hostnames, one private subnet per AZ, flow logs, closed default SG', () => {
    const stack = testStack();
    testNetwork(stack);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(Vpc, {
      cidr_block: '10.0.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
    });
    expect(synthesized).toHaveResourceWithProperties(Subnet, {
      availability_zone: 'us-east-1a',
      cidr_block: '10.0.0.0/20',
      map_public_ip_on_launch: false,
    });
    expect(synthesized).toHaveResourceWithProperties(Subnet, {
      availability_zone: 'us-east-1b',
      cidr_block: '10.0.16.0/20',
      map_public_ip_on_launch: false,
    });
    expect(synthesized).toHaveResourceWithProperties(FlowLog, {
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
    });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/vpc/network/flow-logs',
      retention_in_days: 30,
    });
    expect(synthesized).toHaveResourceWithProperties(DefaultSecurityGroup, {
      ingress: [],
      egress: [],
    });
  });

  test('the flow log role may write only to its own log group', () => {
    const stack = testStack();
    testNetwork(stack);
    const policies = synthObject(stack).data.aws_iam_policy_document;
    const write = Object.entries(policies).find(([id]) => id.includes('flow-logs-write'))![1] as {
      statement: { actions: string[]; resources: string[] }[];
    };
    expect(write.statement[0].actions).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'logs:DescribeLogStreams',
    ]);
    expect(
      write.statement[0].resources.every((r) =>
        r.includes('aws_cloudwatch_log_group.network_flow-logs'),
      ),
    ).toBe(true);
  });

  test('subnetNewBits sets the subnet size', () => {
    const stack = testStack();
    new Network(stack, 'n', {
      name: 'n',
      cidr: '10.0.0.0/16',
      azs: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      subnetNewBits: 8,
      flowLogs: { retentionDays: 7 },
    });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(Subnet, {
      availability_zone: 'us-east-1c',
      cidr_block: '10.0.2.0/24',
    });
  });

  const build = (cidr: string, azs: string[], subnetNewBits?: number) => () =>
    new Network(testStack(), 'n', {
      name: 'n',
      cidr,
      azs,
      subnetNewBits,
      flowLogs: { retentionDays: 7 },
    });

  test('fails when the CIDR is malformed', () => {
    const error = validationErrorOf(build('10.0.0.1/16', ['us-east-1a', 'us-east-1b']));
    expect(error.codes).toEqual(['InvalidCidr']);
    expect(error.message).toMatch(/props\.cidr must be an IPv4 CIDR block .*got "10\.0\.0\.1\/16"/);
  });

  test('fails when fewer than two AZs are given', () => {
    const error = validationErrorOf(build('10.0.0.0/16', ['us-east-1a']));
    expect(error.codes).toEqual(['TooFewAvailabilityZones']);
    expect(error.message).toMatch(
      /props\.azs must list at least two Availability Zones, got \["us-east-1a"\]/,
    );
  });

  test('fails when an AZ is named twice', () => {
    expect(validationErrorOf(build('10.0.0.0/16', ['us-east-1a', 'us-east-1a'])).codes).toEqual([
      'DuplicateAvailabilityZone',
    ]);
  });

  test('fails when the subnets do not fit', () => {
    const error = validationErrorOf(build('10.0.0.0/26', ['us-east-1a', 'us-east-1b'], 4));
    expect(error.codes).toEqual(['SubnetsDoNotFit']);
    expect(error.message).toMatch(/props\.subnetNewBits must leave room for 2 subnets .* got 4/);
  });
});

describe('SecurityGroup', () => {
  test('every rule is its own resource with a description', () => {
    const stack = testStack();
    new SecurityGroup(stack, 'sg', {
      vpcId: 'vpc-1',
      name: 'web',
      description: 'web servers',
      ingress: {
        https: {
          description: 'HTTPS from the office',
          protocol: 'tcp',
          ports: 443,
          cidrs: ['10.1.0.0/16'],
        },
      },
      egress: { dns: { description: 'DNS', protocol: 'udp', ports: 53, cidrs: ['10.0.0.2/32'] } },
    });
    const resources = synthObject(stack).resource;
    expect(Object.values(resources.aws_vpc_security_group_ingress_rule)).toEqual([
      expect.objectContaining({
        description: 'HTTPS from the office',
        ip_protocol: 'tcp',
        from_port: 443,
        to_port: 443,
        cidr_ipv4: '10.1.0.0/16',
      }),
    ]);
    expect(Object.values(resources.aws_vpc_security_group_egress_rule)).toEqual([
      expect.objectContaining({
        description: 'DNS',
        ip_protocol: 'udp',
        from_port: 53,
        cidr_ipv4: '10.0.0.2/32',
      }),
    ]);
    expect(Object.values(resources.aws_security_group)).toEqual([
      expect.objectContaining({ description: 'web servers', vpc_id: 'vpc-1' }),
    ]);
  });

  const group = (rule: Partial<import('../src/network/security-group').RuleSpec>) => () =>
    new SecurityGroup(testStack(), 'sg', {
      vpcId: 'vpc-1',
      name: 'x',
      description: 'x',
      ingress: { r: { description: 'rule', protocol: 'tcp', ports: 443, ...rule } },
    });

  test('fails when ingress is open to the internet', () => {
    const error = validationErrorOf(group({ cidrs: ['0.0.0.0/0'] }));
    expect(error.codes).toEqual(['OpenIngress']);
    expect(error.message).toMatch(
      /props\.ingress\.r\.cidrs\[0\] must be a named network; ingress from anywhere is not allowed, got "0\.0\.0\.0\/0"/,
    );
    expect(validationErrorOf(group({ cidrs: ['::/0'] })).codes).toEqual(['OpenIngress']);
  });

  test('fails when ingress blocks together cover every address', () => {
    const error = validationErrorOf(group({ cidrs: ['0.0.0.0/1', '128.0.0.0/1'] }));
    expect(error.message).toBe(
      'SecurityGroup test/sg: 1 problem\n  - OpenIngress: props.ingress.r.cidrs must not together cover every IPv4 address; ingress from anywhere is not allowed, got ["0.0.0.0/1","128.0.0.0/1"]',
    );
  });

  test('fails when a rule has no peer', () => {
    expect(validationErrorOf(group({ cidrs: [] })).codes).toEqual(['RuleWithoutPeer']);
  });

  test('fails when a rule has no description', () => {
    expect(validationErrorOf(group({ cidrs: ['10.0.0.0/8'], description: ' ' })).codes).toEqual([
      'MissingDescription',
    ]);
  });

  test('fails when a peer CIDR is malformed', () => {
    expect(validationErrorOf(group({ cidrs: ['10.0.0.0/40'] })).codes).toEqual(['InvalidCidr']);
  });
});

describe('LogGroup', () => {
  test('keeps events for the given days', () => {
    const stack = testStack();
    new LogGroup(stack, 'logs', { name: '/x', retentionDays: 365 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(CloudwatchLogGroup, {
      name: '/x',
      retention_in_days: 365,
    });
  });

  test('fails when the retention is not one CloudWatch accepts', () => {
    const error = validationErrorOf(
      () => new LogGroup(testStack(), 'logs', { name: '/x', retentionDays: 0 }),
    );
    expect(error.codes).toEqual(['InvalidRetention']);
    expect(error.message).toMatch(/props\.retentionDays must be one of 1, 3, .*got 0/);
  });
});
