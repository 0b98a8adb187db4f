import { ApiGatewayVpcLink } from '@cdktf/provider-aws/lib/api-gateway-vpc-link';
import { Testing } from 'cdktf';
import { AccessLogsBucket } from '../src/load-balancing/access-logs-bucket';
import { InternalAlb } from '../src/load-balancing/internal-alb';
import { INetworkLoadBalancer, InternalNlb } from '../src/load-balancing/internal-nlb';
import { RestVpcLink } from '../src/rest/vpc-link';
import { testNetwork, testStack, validationErrorOf } from './helpers';

function fixture() {
  const stack = testStack();
  const network = testNetwork(stack);
  const logs = new AccessLogsBucket(stack, 'logs', { expirationDays: 30 });
  const nlb = new InternalNlb(stack, 'nlb', {
    name: 'orders',
    network,
    accessLogs: logs,
    privateLinkInboundRules: false,
  });
  return { stack, network, logs, nlb };
}

describe('RestVpcLink', () => {
  test('a VPC link whose target is the NLB', () => {
    const { stack, nlb } = fixture();
    new RestVpcLink(stack, 'link', { name: 'orders', targets: [nlb] });
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ApiGatewayVpcLink, {
      name: 'orders',
      target_arns: [expect.stringMatching(/^\$\{aws_lb\.nlb_resource_\w+\.arn\}$/)],
    });
  });

  test('targets added after construction are included', () => {
    const { stack, nlb } = fixture();
    const link = new RestVpcLink(stack, 'link', { name: 'orders' });
    link.addTargets(
      nlb,
      InternalNlb.fromArn(
        'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/legacy/0123456789abcdef',
      ),
    );
    expect(Testing.synth(stack)).toHaveResourceWithProperties(ApiGatewayVpcLink, {
      target_arns: [
        expect.stringContaining('aws_lb.nlb_resource_'),
        'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/net/legacy/0123456789abcdef',
      ],
    });
  });

  test('fails when a target is an Application Load Balancer', () => {
    const { stack, network, logs } = fixture();
    const alb = new InternalAlb(stack, 'alb', { name: 'web', network, accessLogs: logs });
    const error = validationErrorOf(
      () =>
        new RestVpcLink(stack, 'link', {
          name: 'orders',
          targets: [alb as unknown as INetworkLoadBalancer],
        }),
    );
    expect(error.codes).toEqual(['VpcLinkTargetNotNlb']);
    expect(error.message).toMatch(
      /VpcLinkTargetNotNlb: props\.targets\[0\] must be a Network Load Balancer.*got "application load balancer"/,
    );
  });

  test('fails when a literal target ARN is not an NLB', () => {
    const { stack } = fixture();
    const arn =
      'arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/web/0123456789abcdef';
    const error = validationErrorOf(
      () =>
        new RestVpcLink(stack, 'link', {
          name: 'orders',
          targets: [{ arn, loadBalancerType: 'network' }],
        }),
    );
    expect(error.codes).toEqual(['VpcLinkTargetNotNlb']);
    expect(error.message).toContain(`got "${arn}"`);
  });

  test('fails at synth when the link has no target', () => {
    const { stack } = fixture();
    new RestVpcLink(stack, 'link', { name: 'orders' });
    expect(() => Testing.synth(stack, true)).toThrow(/NoTargets: RestVpcLink .*link has no target/);
  });
});
