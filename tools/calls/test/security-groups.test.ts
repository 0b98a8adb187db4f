import { privateApiStack, walk, expectRefusedAt } from './fixture';

describe('security group steps', () => {
  it("fails at the client when its group has no egress rule to the endpoint (Terraform drops AWS's default)", async () => {
    const stack = privateApiStack();
    delete stack.resource.aws_vpc_security_group_egress_rule.client_out;
    const result = await walk(stack);
    expectRefusedAt(result, 'client', 'aws_security_group.client');
  });

  it('fails at the client when its egress covers another port only', async () => {
    const stack = privateApiStack();
    Object.assign(stack.resource.aws_vpc_security_group_egress_rule.client_out, {
      from_port: 80,
      to_port: 80,
    });
    const result = await walk(stack);
    expect(result.stoppedAt?.step).toBe('client');
  });

  it("fails at the endpoint's group when its ingress names another group", async () => {
    const stack = privateApiStack();
    stack.resource.aws_vpc_security_group_ingress_rule.endpoint_in.referenced_security_group_id =
      '${aws_security_group.endpoint.id}';
    const result = await walk(stack);
    expectRefusedAt(result, 'endpoint-sg', 'aws_security_group.endpoint');
  });

  it("passes the endpoint's group on a CIDR rule that covers the client's subnet, and fails on one that does not", async () => {
    const stack = privateApiStack();
    const rule = stack.resource.aws_vpc_security_group_ingress_rule.endpoint_in;
    delete rule.referenced_security_group_id;
    rule.cidr_ipv4 = '10.0.0.0/16';
    expect((await walk(stack)).ok).toBe(true);
    rule.cidr_ipv4 = '10.0.1.0/24';
    expect((await walk(stack)).stoppedAt?.step).toBe('endpoint-sg');
  });

  it('treats protocol -1 as every port', async () => {
    const stack = privateApiStack();
    Object.assign(stack.resource.aws_vpc_security_group_ingress_rule.endpoint_in, {
      ip_protocol: '-1',
      from_port: undefined,
      to_port: undefined,
    });
    expect((await walk(stack)).ok).toBe(true);
  });
});
