import { privateApiStack, ref, Stack, walk, expectRefusedAt } from './fixture';

/** An Auto Scaling group in the fixture's subnet, its instances in the client's security group. */
function withInstances(stack: Stack): Stack {
  const r = stack.resource;
  r.aws_launch_template = {
    app: { vpc_security_group_ids: [ref('aws_security_group.client.id')] },
  };
  r.aws_autoscaling_group = {
    app: {
      '//': { metadata: { path: 'demo/asg/resource' } },
      vpc_zone_identifier: [ref('aws_subnet.a.id')],
      launch_template: { id: ref('aws_launch_template.app.id') },
    },
  };
  return stack;
}

const SSM = {
  from: { client: 'asg' },
  dns: { kind: 'aws-service', service: 'ssm' },
  method: 'POST',
  path: '/',
  expect: { backend: 'ssm' },
} as const;

describe('AWS service calls', () => {
  // Regression for defect 4 of issue 12 (cross-account privatelink): the instances' role and egress
  // claimed Session Manager, but their VPC had neither the endpoints nor a NAT.
  it('refuses a service call from a VPC with no interface endpoint and no internet route', async () => {
    const result = await walk(withInstances(privateApiStack()), SSM);
    expectRefusedAt(result, 'network', 'aws_route_table.rt');
  });

  it('reaches the service through its interface endpoint with private DNS', async () => {
    const stack = withInstances(privateApiStack());
    const r = stack.resource;
    r.aws_security_group.ssm = { vpc_id: ref('aws_vpc.vpc.id') };
    r.aws_vpc_security_group_ingress_rule.ssm_in = {
      security_group_id: ref('aws_security_group.ssm.id'),
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      referenced_security_group_id: ref('aws_security_group.client.id'),
    };
    r.aws_vpc_endpoint.ssm = {
      '//': { metadata: { path: 'demo/ssm/resource' } },
      vpc_id: ref('aws_vpc.vpc.id'),
      service_name: 'com.amazonaws.us-east-1.ssm',
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true,
      subnet_ids: [ref('aws_subnet.a.id')],
      security_group_ids: [ref('aws_security_group.ssm.id')],
    };
    const result = await walk(stack, SSM);
    expect(result.ok).toBe(true);
    delete r.aws_vpc_security_group_ingress_rule.ssm_in;
    expect((await walk(stack, SSM)).stoppedAt).toEqual(
      expect.objectContaining({ step: 'endpoint-sg', address: 'aws_security_group.ssm' }),
    );
  });

  it('reaches the service over a NAT gateway route when there is no endpoint', async () => {
    const stack = withInstances(privateApiStack());
    stack.resource.aws_nat_gateway = { nat: { subnet_id: ref('aws_subnet.a.id') } };
    stack.resource.aws_route = {
      out: {
        route_table_id: ref('aws_route_table.rt.id'),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref('aws_nat_gateway.nat.id'),
      },
    };
    expect((await walk(stack, { ...SSM, expect: { backend: 'network/vpc' } })).ok).toBe(true);
  });
});
