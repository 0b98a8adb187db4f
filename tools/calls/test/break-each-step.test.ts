// For every step of the request path: break that step in a copy of a real synthesized stack and
// check that the verifier stops the documented call there, naming the resource that refuses it.
import type { CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import {
  blockAt,
  broken,
  cleanUp,
  Json,
  nameOf,
  removeAll,
  synthesize,
  verifyOne,
} from './real-stacks';
import { expectRefusedAt } from './fixture';

let root: string;

beforeAll(async () => {
  root = await synthesize(['basic', 'ecs-private', 'on-premises', 'cross-account']);
}, 120_000);

afterAll(cleanUp);

const BASIC: CallDeclaration = {
  name: 'private-dns-from-lambda',
  stack: 'basic',
  description: 'Lambda client, private DNS name of the API',
  from: { client: 'lambda-client' },
  dns: { kind: 'private-dns' },
  method: 'GET',
  path: '/hello',
  signed: true,
  expect: { backend: 'api/integration-hello-GET' },
};

const ECS: CallDeclaration = {
  name: 'rest-nlb-root',
  stack: 'rest-nlb',
  description: 'GET / through endpoint, API, VPC link, NLB to the tasks',
  from: { cidr: '10.41.0.10/32', label: 'host in the VPC' },
  dns: { kind: 'private-dns' },
  method: 'GET',
  path: '/',
  signed: true,
  expect: { backend: 'service' },
};

const ONPREM: CallDeclaration = {
  name: 'alias-vpn-vgw-static',
  stack: 'vpn-vgw-static',
  description: 'On-premises host, Route 53 alias',
  from: { cidr: '192.168.0.10/32', label: 'on-premises host' },
  dns: { kind: 'alias' },
  method: 'GET',
  path: '/hello',
  signed: true,
  expect: { backend: 'api/integration-hello-GET' },
};

interface Case {
  readonly step: string;
  readonly app: string;
  readonly call: CallDeclaration;
  /** Breaks the step; returns the address the verifier must name. */
  readonly breakIt: (json: Json) => string;
}

const CASES: readonly Case[] = [
  {
    step: 'client',
    app: 'basic',
    call: BASIC,
    breakIt: (json) => {
      removeAll(json, 'aws_vpc_security_group_egress_rule', 'lambda-client/sg/out');
      return `aws_security_group.${nameOf(json, 'aws_security_group', 'lambda-client/sg/resource')}`;
    },
  },
  {
    step: 'dns',
    app: 'basic',
    call: BASIC,
    breakIt: (json) => {
      blockAt(json, 'aws_vpc_endpoint', 'execute-api/endpoint/resource').private_dns_enabled =
        false;
      return `aws_vpc_endpoint.${nameOf(json, 'aws_vpc_endpoint', 'execute-api/endpoint/resource')}`;
    },
  },
  {
    step: 'network',
    app: 'on-premises',
    call: ONPREM,
    breakIt: (json) => {
      removeAll(json, 'aws_vpn_gateway_route_propagation', 'vgw/propagation');
      return `aws_route_table.${nameOf(json, 'aws_route_table', 'network/rt-us-east-1a')}`;
    },
  },
  {
    step: 'endpoint-sg',
    app: 'basic',
    call: BASIC,
    breakIt: (json) => {
      removeAll(json, 'aws_vpc_security_group_ingress_rule', 'execute-api/endpoint/sg/in-');
      return `aws_security_group.${nameOf(json, 'aws_security_group', 'execute-api/endpoint/sg/resource')}`;
    },
  },
  {
    step: 'endpoint-policy',
    app: 'basic',
    call: BASIC,
    breakIt: (json) => {
      const document = blockAt(json, 'data.aws_iam_policy_document', 'execute-api/policy');
      (document.statement as { resources: string[] }[])[0].resources = [
        'arn:aws:execute-api:us-east-1:111111111111:someotherapi/*',
      ];
      return `aws_vpc_endpoint_policy.${nameOf(json, 'aws_vpc_endpoint_policy', 'execute-api/endpoint-policy')}`;
    },
  },
  {
    step: 'resource-policy',
    app: 'basic',
    call: BASIC,
    breakIt: (json) => {
      const document = blockAt(json, 'data.aws_iam_policy_document', 'api/resource-policy');
      const statements = document.statement as {
        effect: string;
        condition: { values: string[] }[];
      }[];
      statements.find((s) => s.effect === 'Deny')!.condition[0].values = ['vpce-0someoneelse'];
      return `aws_api_gateway_rest_api.${nameOf(json, 'aws_api_gateway_rest_api', 'api/resource')}`;
    },
  },
  {
    step: 'method',
    app: 'basic',
    call: BASIC,
    breakIt: (json) => {
      removeAll(json, 'aws_api_gateway_method', 'api/method-hello-GET');
      removeAll(json, 'aws_api_gateway_integration', 'api/integration-hello-GET');
      return `aws_api_gateway_resource.${nameOf(json, 'aws_api_gateway_resource', 'api/res-hello')}`;
    },
  },
  {
    step: 'listener',
    app: 'ecs-private',
    call: ECS,
    breakIt: (json) => {
      blockAt(json, 'aws_lb_listener', 'nlb/listener-tcp').port = 81;
      return `aws_lb.${nameOf(json, 'aws_lb', 'nlb/resource')}`;
    },
  },
  {
    step: 'target-group',
    app: 'ecs-private',
    call: ECS,
    breakIt: (json) => {
      blockAt(json, 'aws_ecs_service', 'service/service').load_balancer = [];
      return `aws_lb_target_group.${nameOf(json, 'aws_lb_target_group', 'nlb/tg-tasks/resource')}`;
    },
  },
  {
    step: 'target-sg',
    app: 'ecs-private',
    call: ECS,
    breakIt: (json) => {
      removeAll(json, 'aws_vpc_security_group_ingress_rule', 'service/sg/in-');
      return `aws_security_group.${nameOf(json, 'aws_security_group', 'service/sg/resource')}`;
    },
  },
  {
    step: 'backend-port',
    app: 'ecs-private',
    call: ECS,
    breakIt: (json) => {
      const task = blockAt(json, 'aws_ecs_task_definition', 'service/task');
      task.container_definitions = String(task.container_definitions).replace(
        /"containerPort":\s*80\b/g,
        '"containerPort":8000',
      );
      return `aws_ecs_task_definition.${nameOf(json, 'aws_ecs_task_definition', 'service/task')}`;
    },
  },
];

describe('break each step of a real synthesized stack', () => {
  it.each(['basic', 'ecs-private', 'on-premises'])(
    '%s: the unbroken call reaches its backend',
    async (app) => {
      const call = { basic: BASIC, 'ecs-private': ECS, 'on-premises': ONPREM }[app]!;
      const result = await verifyOne(`${root}/${app}`, app, call);
      expect(result.summary).toMatch(/^answered by /);
      expect(result.ok).toBe(true);
    },
  );

  it.each(CASES.map((c) => [c.step, c] as const))(
    '%s: fails at that step and names the resource',
    async (_, c) => {
      let expected = '';
      const dir = broken(`${root}/${c.app}`, c.call.stack, (json) => {
        expected = c.breakIt(json);
      });
      const result = await verifyOne(dir, c.app, c.call);
      expect(result.ok).toBe(false);
      expect(result.stoppedAt).toEqual(
        expect.objectContaining({ step: c.step, status: 'fail', address: expected }),
      );
    },
  );
});

describe('a front door forwarding into a private API', () => {
  const FRONT_DOOR: CallDeclaration = {
    name: 'front-door-tgw',
    stack: 'front-door-tgw',
    description: "Internet caller with a token, through the front door to account B's private API",
    from: { internet: true },
    dns: { kind: 'public' },
    api: 'front-door',
    method: 'GET',
    path: '/hello',
    signed: false,
    headers: { Authorization: 'Bearer <token>' },
    expect: { backend: 'account-b/private-api/integration-hello-GET' },
  };

  it('reaches the private API through the NLB on its endpoint addresses, over the Transit Gateway', async () => {
    const result = await verifyOne(`${root}/cross-account`, 'cross-account', FRONT_DOOR);
    expect(result.ok).toBe(true);
    expect(result.steps.filter((s) => s.step === 'endpoint-policy')).toHaveLength(1);
  });

  it('fails at the method step when the integration forwards to a stage the private API lacks', async () => {
    let expected = '';
    const dir = broken(`${root}/cross-account`, 'front-door-tgw', (json) => {
      const integration = blockAt(
        json,
        'aws_api_gateway_integration',
        'front-door/integration-proxy-greedy-ANY',
      );
      integration.uri = String(integration.uri).replace('/v1/{proxy}', '/v2/{proxy}');
      expected = `aws_api_gateway_rest_api.${nameOf(json, 'aws_api_gateway_rest_api', 'account-b/private-api/resource')}`;
    });
    const result = await verifyOne(dir, 'cross-account', FRONT_DOOR);
    expectRefusedAt(result, 'method', expected);
    expect(result.stoppedAt?.detail).toContain('names stage v2');
  });

  it("fails at the network step when account B's VPC has no route back to the NLB", async () => {
    const dir = broken(`${root}/cross-account`, 'front-door-tgw', (json) => {
      removeAll(json, 'aws_route', 'tgw/route-b-');
    });
    const result = await verifyOne(dir, 'cross-account', FRONT_DOOR);
    expect(result.stoppedAt).toEqual(expect.objectContaining({ step: 'network', status: 'fail' }));
    expect(result.stoppedAt?.address).toMatch(/^aws_route_table\.account-b_network_rt-/);
  });
});
