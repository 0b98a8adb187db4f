import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { LbTargetGroupAttachment } from '@cdktf/provider-aws/lib/lb-target-group-attachment';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Testing } from 'cdktf';
import { ReferenceStack } from '../src/app/reference-stack';
import { AccessLogsBucket } from '../src/load-balancing/access-logs-bucket';
import { InternalAlb } from '../src/load-balancing/internal-alb';
import {
  InternalNlb,
  InternalNlbProps,
  interfaceEndpointAddresses,
} from '../src/load-balancing/internal-nlb';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

const CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000';

function nlbFixture(
  overrides: Partial<InternalNlbProps> = {},
  stack: ReferenceStack = testStack(),
) {
  const network = testNetwork(stack);
  const logs = new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
  const nlb = new InternalNlb(stack, 'nlb', {
    name: 'orders',
    network,
    accessLogs: logs,
    clients: { cidrs: ['10.20.0.0/16'] },
    ...overrides,
  });
  return { stack, network, logs, nlb };
}

describe('InternalNlb', () => {
  test('an internal NLB with cross-zone, deletion protection, access logs and a security group', () => {
    const { stack, nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 8080 });
    nlb.addListener('tcp', { port: 80, protocol: 'TCP', targetGroup: tg });
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(Lb, {
      name: 'orders',
      load_balancer_type: 'network',
      internal: true,
      enable_cross_zone_load_balancing: true,
      enable_deletion_protection: true,
      enforce_security_group_inbound_rules_on_private_link_traffic: 'on',
      access_logs: expect.objectContaining({ enabled: true, prefix: 'elb' }),
      security_groups: [expect.stringContaining('aws_security_group.nlb_sg_')],
    });
    expect(synthesized).toHaveResourceWithProperties(LbListener, { port: 80, protocol: 'TCP' });
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      cidr_ipv4: '10.20.0.0/16',
      from_port: 80,
      to_port: 80,
      ip_protocol: 'tcp',
    });
  });

  test('the NLB waits for the access log bucket policy', () => {
    const { stack } = nlbFixture();
    const lb = Object.values(synthObject(stack).resource.aws_lb)[0];
    expect(lb.depends_on).toEqual([
      expect.stringMatching(/^aws_s3_bucket_policy\.logs_policy_\w+$/),
    ]);
  });

  test('deletion protection can be turned off', () => {
    const { stack } = nlbFixture({ deletionProtection: false });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Lb, {
      enable_deletion_protection: false,
    });
  });

  test('cross-zone can be turned off', () => {
    const { stack } = nlbFixture({ crossZone: false });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Lb, {
      enable_cross_zone_load_balancing: false,
    });
  });

  test('inbound rules can be lifted for PrivateLink traffic (REST VPC link)', () => {
    const { stack } = nlbFixture({ privateLinkInboundRules: false });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(Lb, {
      enforce_security_group_inbound_rules_on_private_link_traffic: 'off',
    });
  });

  test('access logs can be turned off explicitly', () => {
    const { stack } = nlbFixture({ accessLogs: false });
    const lb = Object.values(synthObject(stack).resource.aws_lb)[0];
    expect(lb.access_logs).toBeUndefined();
  });

  test('a TLS listener gets the default TLS 1.3/1.2 policy and the certificate', () => {
    const { stack, nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 8443, protocol: 'TLS' });
    nlb.addListener('tls', { port: 443, protocol: 'TLS', certificateArn: CERT, targetGroup: tg });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(LbListener, {
      protocol: 'TLS',
      certificate_arn: CERT,
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
    });
  });

  test('an IP target group with a TCP health check', () => {
    const { stack, nlb } = nlbFixture();
    nlb.addTargetGroup('app', { targetType: 'ip', port: 8080 });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(LbTargetGroup, {
      target_type: 'ip',
      port: 8080,
      protocol: 'TCP',
      health_check: expect.objectContaining({
        enabled: true,
        protocol: 'TCP',
        port: 'traffic-port',
      }),
    });
  });

  test('static IP targets outside the VPC are registered with availability zone all', () => {
    const { stack, nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('api', { targetType: 'ip', port: 443, protocol: 'TCP' });
    tg.addIpTargets('peer', { addresses: ['10.1.0.10', '10.1.16.10'], outsideVpc: true });
    tg.addIpTargets('local', { addresses: ['10.0.0.10'] });
    const attachments = synthObject(stack).resource.aws_lb_target_group_attachment;
    expect(Object.values(attachments)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ target_id: '10.1.0.10', availability_zone: 'all', port: 443 }),
        expect.objectContaining({ target_id: '10.1.16.10', availability_zone: 'all' }),
      ]),
    );
    const local = Object.values(attachments).find((a) => a.target_id === '10.0.0.10')!;
    expect(local.availability_zone).toBeUndefined();
  });

  test('IP targets known only at apply: one attachment per token, read from the endpoint ENIs', () => {
    const { stack, network, nlb } = nlbFixture();
    const endpoint = new VpcEndpoint(stack, 'vpce', {
      vpcId: network.vpc.id,
      serviceName: 'com.amazonaws.us-east-1.execute-api',
      vpcEndpointType: 'Interface',
      subnetIds: network.subnetIds,
    });
    const tg = nlb.addTargetGroup('api', { targetType: 'ip', port: 443 });
    tg.addIpTargets('vpce', {
      addresses: interfaceEndpointAddresses(stack, 'vpce-ip', endpoint, 2),
    });
    const synthesized = synthObject(stack);
    expect(Object.keys(synthesized.data.aws_network_interface)).toHaveLength(2);
    const targets = Object.values(synthesized.resource.aws_lb_target_group_attachment).map(
      (a) => a.target_id,
    );
    expect(targets).toEqual([
      expect.stringMatching(/^\$\{data\.aws_network_interface\.vpce-ip_eni-0_\w+\.private_ip\}$/),
      expect.stringMatching(/^\$\{data\.aws_network_interface\.vpce-ip_eni-1_\w+\.private_ip\}$/),
    ]);
    expect(String(Object.values(synthesized.data.aws_network_interface)[1].id)).toContain(
      'network_interface_ids',
    );
  });

  test('a target group of type alb puts the NLB in front of an ALB and opens the NLB group to it', () => {
    const { stack, network, logs, nlb } = nlbFixture();
    const alb = new InternalAlb(stack, 'alb', { name: 'orders-alb', network, accessLogs: logs });
    const albTg = alb.addTargetGroup('app', { port: 8080 });
    const albListener = alb.addListener('http', { port: 80, protocol: 'HTTP', targetGroup: albTg });
    const tg = nlb.addTargetGroup('alb', { targetType: 'alb', port: 80 });
    tg.addAlbTarget(alb, albListener);
    const synthesized = Testing.synth(stack);
    expect(synthesized).toHaveResourceWithProperties(LbTargetGroup, {
      target_type: 'alb',
      protocol: 'TCP',
      health_check: expect.objectContaining({ protocol: 'HTTP', path: '/' }),
    });
    expect(synthesized).toHaveResourceWithProperties(LbTargetGroupAttachment, {
      target_id: expect.stringMatching(/^\$\{aws_lb\.alb_resource_\w+\.arn\}$/),
      port: 80,
    });
    expect(synthesized).toHaveResourceWithProperties(VpcSecurityGroupEgressRule, {
      from_port: 80,
      referenced_security_group_id: expect.stringContaining('aws_security_group.alb_sg_'),
    });
  });

  test('fails when a TLS listener has no certificate', () => {
    const { nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 443 });
    const error = validationErrorOf(() =>
      nlb.addListener('tls', { port: 443, protocol: 'TLS', targetGroup: tg }),
    );
    expect(error.codes).toEqual(['MissingCertificate']);
    expect(error.message).toMatch(
      /MissingCertificate: listeners\.tls\.certificateArn is required for TLS listeners.*got nothing/,
    );
  });

  test('fails when a TLS listener names a weak policy', () => {
    const { nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 443 });
    const error = validationErrorOf(() =>
      nlb.addListener('tls', {
        port: 443,
        protocol: 'TLS',
        certificateArn: CERT,
        sslPolicy: 'ELBSecurityPolicy-2016-08',
        targetGroup: tg,
      }),
    );
    expect(error.codes).toEqual(['WeakTlsPolicy']);
    expect(error.message).toMatch(
      /WeakTlsPolicy: listeners\.tls\.sslPolicy must be a TLS 1\.2\+ policy.*got "ELBSecurityPolicy-2016-08"/,
    );
  });

  test('fails when a TLS listener names an empty policy', () => {
    const { nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 443 });
    const error = validationErrorOf(() =>
      nlb.addListener('tls', {
        port: 443,
        protocol: 'TLS',
        certificateArn: CERT,
        sslPolicy: '',
        targetGroup: tg,
      }),
    );
    expect(error.codes).toEqual(['MissingTlsPolicy']);
    expect(error.message).toMatch(
      /MissingTlsPolicy: listeners\.tls\.sslPolicy must name a TLS policy.*got ""/,
    );
  });

  test('fails when a TCP listener is given a certificate', () => {
    const { nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 80 });
    const error = validationErrorOf(() =>
      nlb.addListener('tcp', { port: 80, protocol: 'TCP', certificateArn: CERT, targetGroup: tg }),
    );
    expect(error.codes).toEqual(['CertificateOnPlainListener']);
    expect(error.message).toMatch(
      /listeners\.tcp\.certificateArn must be left out on TCP listeners/,
    );
  });

  test('fails when an IP target is not an IPv4 address', () => {
    const { nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 80 });
    const error = validationErrorOf(() => tg.addIpTargets('bad', { addresses: ['10.0.0.300'] }));
    expect(error.codes).toEqual(['InvalidIpAddress']);
    expect(error.message).toMatch(
      /InvalidIpAddress: bad\.addresses\[0\] must be an IPv4 address, got "10\.0\.0\.300"/,
    );
  });

  test('fails when IP targets are added to an instance target group', () => {
    const { nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('app', { targetType: 'instance', port: 80 });
    const error = validationErrorOf(() => tg.addIpTargets('x', { addresses: ['10.0.0.1'] }));
    expect(error.codes).toEqual(['WrongTargetType']);
    expect(error.message).toMatch(/targetType must be ip to register IP addresses, got "instance"/);
  });

  test('fails when a target group of type alb is not TCP', () => {
    const { nlb } = nlbFixture();
    const error = validationErrorOf(() =>
      nlb.addTargetGroup('alb', { targetType: 'alb', port: 443, protocol: 'TLS' }),
    );
    expect(error.codes).toEqual(['InvalidTargetProtocol']);
    expect(error.message).toMatch(
      /options\.protocol must be TCP for a target group of type alb, got "TLS"/,
    );
  });

  test('fails when a listener forwarding to an ALB target group is TLS', () => {
    const { nlb } = nlbFixture();
    const tg = nlb.addTargetGroup('alb', { targetType: 'alb', port: 443 });
    const error = validationErrorOf(() =>
      nlb.addListener('tls', { port: 443, protocol: 'TLS', certificateArn: CERT, targetGroup: tg }),
    );
    expect(error.codes).toEqual(['InvalidListenerForAlbTarget']);
    expect(error.message).toMatch(
      /listeners\.tls must be TCP on the ALB listener port 443.*got "TLS 443"/,
    );
  });

  test('fails when the name is too long', () => {
    const error = validationErrorOf(() => nlbFixture({ name: 'a'.repeat(33) }));
    expect(error.codes).toEqual(['InvalidLoadBalancerName']);
    expect(error.message).toMatch(/props\.name must be 1-32 letters.*got "a{33}"/);
  });

  test('fails when clients include 0.0.0.0/0', () => {
    const { nlb } = nlbFixture({ clients: { cidrs: ['0.0.0.0/0'] } });
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 80 });
    const error = validationErrorOf(() =>
      nlb.addListener('tcp', { port: 80, protocol: 'TCP', targetGroup: tg }),
    );
    expect(error.codes).toEqual(['OpenIngress']);
    expect(error.message).toMatch(/cidrs\[0\] must be a named network.*got "0\.0\.0\.0\/0"/);
  });

  test('fails when client CIDRs together cover every address', () => {
    const { nlb } = nlbFixture({ clients: { cidrs: ['0.0.0.0/1', '128.0.0.0/1'] } });
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 80 });
    const error = validationErrorOf(() =>
      nlb.addListener('tcp', { port: 80, protocol: 'TCP', targetGroup: tg }),
    );
    expect(error.codes).toEqual(['OpenIngress']);
    expect(error.message).toMatch(/cidrs must not together cover every IPv4 address/);
  });

  test('fails when a client CIDR is malformed', () => {
    const { nlb } = nlbFixture({ clients: { cidrs: ['10.0.0.0/33'] } });
    const tg = nlb.addTargetGroup('app', { targetType: 'ip', port: 80 });
    const error = validationErrorOf(() =>
      nlb.addListener('tcp', { port: 80, protocol: 'TCP', targetGroup: tg }),
    );
    expect(error.codes).toEqual(['InvalidCidr']);
    expect(error.message).toMatch(/cidrs\[0\] must be an IPv4 CIDR block.*got "10\.0\.0\.0\/33"/);
  });

  test('fromArn refuses the ARN of an Application Load Balancer', () => {
    const error = validationErrorOf(() =>
      InternalNlb.fromArn(
        'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/0123456789abcdef',
      ),
    );
    expect(error.codes).toEqual(['NotANetworkLoadBalancer']);
    expect(error.message).toMatch(
      /arn must be the ARN of a Network Load Balancer.*loadbalancer\/app\/web/,
    );
  });
});
