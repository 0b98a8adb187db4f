import { AutoScalingGroup } from '../src/compute/auto-scaling-group';
import {
  SESSION_MANAGER_ACTIONS,
  sessionManagerEndpoints,
} from '../src/endpoints/session-manager-endpoints';
import { synthObject, testNetwork, testStack, validationErrorOf } from './helpers';

const TG = {
  arn: 'arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/app/0123456789abcdef',
};

type Statement = {
  effect: string;
  principals: { type: string; identifiers: string[] }[];
  actions: string[];
  resources: string[];
  condition: { test: string; variable: string; values: string[] }[];
};

function fixture() {
  const stack = testStack();
  const network = testNetwork(stack);
  const asg = new AutoScalingGroup(stack, 'asg', {
    network,
    name: 'app',
    targetGroups: [TG],
    clientCidrs: ['10.0.0.0/16'],
  });
  const endpoints = sessionManagerEndpoints(stack, {
    network,
    clients: { asg: { securityGroup: asg.securityGroup, roleArn: asg.role.arn } },
  });
  return { stack, network, endpoints };
}

describe('sessionManagerEndpoints', () => {
  test('the ssm, ssmmessages and ec2messages endpoints with private DNS, under the IDs apps use', () => {
    const { stack } = fixture();
    const endpoints = synthObject(stack).resource.aws_vpc_endpoint;
    expect(Object.keys(endpoints).map((key) => key.replace(/_[^_]+$/, ''))).toEqual([
      'ec2messages-endpoint_resource',
      'ssm-endpoint_resource',
      'ssmmessages-endpoint_resource',
    ]);
    expect(Object.values(endpoints)).toEqual(
      ['ec2messages', 'ssm', 'ssmmessages'].map((service) =>
        expect.objectContaining({
          service_name: `com.amazonaws.us-east-1.${service}`,
          vpc_endpoint_type: 'Interface',
          private_dns_enabled: true,
          policy: expect.stringContaining(
            `data.aws_iam_policy_document.${service}-endpoint-policy`,
          ),
        }),
      ),
    );
  });

  test("admit 443 only from the clients' security group", () => {
    const { stack } = fixture();
    const ingress = Object.entries(
      synthObject(stack).resource.aws_vpc_security_group_ingress_rule,
    ).filter(([key]) => /^(ssm|ssmmessages|ec2messages)-endpoint/.test(key));
    expect(ingress).toHaveLength(3);
    for (const [, rule] of ingress) {
      expect(rule).toEqual(
        expect.objectContaining({
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          referenced_security_group_id: expect.stringMatching(
            /^\$\{aws_security_group\.asg_\w+\.id\}$/,
          ),
        }),
      );
      expect(rule.cidr_ipv4).toBeUndefined();
    }
  });

  test("each endpoint policy allows only the agent's actions of its service, only for the clients' role", () => {
    const { stack } = fixture();
    const documents = synthObject(stack).data.aws_iam_policy_document;
    for (const service of ['ssm', 'ssmmessages', 'ec2messages'] as const) {
      const [document] = Object.entries(documents)
        .filter(([key]) => key.startsWith(`${service}-endpoint-policy`))
        .map(([, value]) => value);
      expect(document.statement as Statement[]).toEqual([
        expect.objectContaining({
          effect: 'Allow',
          principals: [{ type: 'AWS', identifiers: ['*'] }],
          actions: [...SESSION_MANAGER_ACTIONS[service]],
          resources: ['*'],
          condition: [
            {
              test: 'ArnEquals',
              variable: 'aws:PrincipalArn',
              values: [expect.stringMatching(/^\$\{aws_iam_role\.asg_role_resource_\w+\.arn\}$/)],
            },
          ],
        }),
      ]);
      expect(
        SESSION_MANAGER_ACTIONS[service].every((action) => action.startsWith(`${service}:`)),
      ).toBe(true);
    }
  });

  test('fails when no client is named', () => {
    const stack = testStack();
    const network = testNetwork(stack);
    const error = validationErrorOf(() => sessionManagerEndpoints(stack, { network, clients: {} }));
    expect(error.codes).toEqual(['NoClients']);
    expect(error.message).toMatch(/props\.clients must name at least one client/);
  });
});
