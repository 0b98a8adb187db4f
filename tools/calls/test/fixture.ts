// Small synthesized stacks for the rule tests: the shape cdktf writes (cdk.tf.json), built by
// hand so each test changes one thing and sees one step refuse.
import type { CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import { parseSynth } from '@apigw-private/tools/tfjson';
import type { CallResult } from '../model';
import { StackView } from '../stack';
import { verifyCall } from '../walk';

export type Block = Record<string, unknown>;
export interface Stack {
  provider?: Block;
  resource: Record<string, Record<string, Block>>;
  data?: Record<string, Record<string, Block>>;
}

const at = (path: string) => ({ '//': { metadata: { path: `demo/${path}` } } });
const ref = (address: string) => `\${${address}}`;

/** One VPC, one subnet, a VPC Lambda client, an execute-api endpoint and a private REST API. */
export function privateApiStack(): Stack {
  return {
    provider: { aws: [{ region: 'us-east-1' }] },
    resource: {
      aws_vpc: { vpc: { ...at('network/vpc'), cidr_block: '10.0.0.0/16' } },
      aws_subnet: {
        a: { ...at('network/a'), vpc_id: ref('aws_vpc.vpc.id'), cidr_block: '10.0.0.0/24' },
      },
      aws_route_table: { rt: { ...at('network/rt'), vpc_id: ref('aws_vpc.vpc.id') } },
      aws_route_table_association: {
        rta: {
          ...at('network/rta'),
          route_table_id: ref('aws_route_table.rt.id'),
          subnet_id: ref('aws_subnet.a.id'),
        },
      },
      aws_security_group: {
        client: { ...at('client/sg'), vpc_id: ref('aws_vpc.vpc.id') },
        endpoint: { ...at('endpoint/sg'), vpc_id: ref('aws_vpc.vpc.id') },
      },
      aws_vpc_security_group_egress_rule: {
        client_out: {
          ...at('client/out'),
          security_group_id: ref('aws_security_group.client.id'),
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_ipv4: '10.0.0.0/16',
        },
      },
      aws_vpc_security_group_ingress_rule: {
        endpoint_in: {
          ...at('endpoint/in'),
          security_group_id: ref('aws_security_group.endpoint.id'),
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          referenced_security_group_id: ref('aws_security_group.client.id'),
        },
      },
      aws_lambda_function: {
        client: {
          ...at('client/resource'),
          function_name: 'client',
          vpc_config: {
            subnet_ids: [ref('aws_subnet.a.id')],
            security_group_ids: [ref('aws_security_group.client.id')],
          },
        },
      },
      aws_vpc_endpoint: {
        api: {
          ...at('endpoint/resource'),
          vpc_id: ref('aws_vpc.vpc.id'),
          service_name: 'com.amazonaws.us-east-1.execute-api',
          vpc_endpoint_type: 'Interface',
          private_dns_enabled: true,
          subnet_ids: [ref('aws_subnet.a.id')],
          security_group_ids: [ref('aws_security_group.endpoint.id')],
        },
      },
      aws_vpc_endpoint_policy: {
        api: {
          ...at('endpoint/policy'),
          vpc_endpoint_id: ref('aws_vpc_endpoint.api.id'),
          policy: ref('data.aws_iam_policy_document.endpoint.json'),
        },
      },
      aws_api_gateway_rest_api: {
        api: {
          ...at('api/resource'),
          name: 'demo',
          endpoint_configuration: {
            types: ['PRIVATE'],
            vpc_endpoint_ids: [ref('aws_vpc_endpoint.api.id')],
          },
          policy: ref('data.aws_iam_policy_document.api.json'),
        },
      },
      aws_api_gateway_resource: {
        hello: {
          ...at('api/res-hello'),
          rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
          parent_id: ref('aws_api_gateway_rest_api.api.root_resource_id'),
          path_part: 'hello',
        },
      },
      aws_api_gateway_method: {
        hello: {
          ...at('api/method-hello-GET'),
          rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
          resource_id: ref('aws_api_gateway_resource.hello.id'),
          http_method: 'GET',
          authorization: 'AWS_IAM',
        },
      },
      aws_api_gateway_integration: {
        hello: {
          ...at('api/integration-hello-GET'),
          rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
          resource_id: ref('aws_api_gateway_resource.hello.id'),
          http_method: ref('aws_api_gateway_method.hello.http_method'),
          type: 'MOCK',
        },
      },
      aws_api_gateway_stage: {
        v1: {
          ...at('api/stage'),
          rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
          stage_name: 'v1',
        },
      },
    },
    data: {
      aws_iam_policy_document: {
        endpoint: {
          ...at('endpoint/policy-document'),
          statement: [
            {
              effect: 'Allow',
              principals: [{ type: '*', identifiers: ['*'] }],
              actions: ['execute-api:Invoke'],
              resources: [`${ref('aws_api_gateway_rest_api.api.execution_arn')}/*`],
            },
          ],
        },
        api: {
          ...at('api/resource-policy'),
          statement: [
            {
              effect: 'Allow',
              principals: [{ type: 'AWS', identifiers: ['*'] }],
              actions: ['execute-api:Invoke'],
              resources: ['execute-api:/*'],
              condition: [
                {
                  test: 'StringEquals',
                  variable: 'aws:SourceVpce',
                  values: [ref('aws_vpc_endpoint.api.id')],
                },
              ],
            },
          ],
        },
      },
    },
  };
}

/** The call the fixture documents: the Lambda client, private DNS, signed GET /hello. */
export const HELLO: CallDeclaration = {
  name: 'hello',
  stack: 'demo',
  description: 'Lambda client, private DNS, GET /hello',
  from: { client: 'client' },
  dns: { kind: 'private-dns' },
  method: 'GET',
  path: '/hello',
  signed: true,
  expect: { backend: 'api/integration-hello-GET' },
};

export async function walk(stack: Stack, call: Partial<CallDeclaration> = {}): Promise<CallResult> {
  const plan = parseSynth(JSON.parse(JSON.stringify(stack)), { stack: 'demo' });
  return verifyCall(new StackView('demo', plan, { aws: '111111111111' }), { ...HELLO, ...call });
}

export { ref, at };

/** The call stopped at `step`, refused by the resource at `address`. */
export function expectRefusedAt(result: CallResult, step: string, address: string): void {
  expect(result.stoppedAt).toEqual(expect.objectContaining({ step, status: 'fail', address }));
}

/** A private custom domain name mapped to the API, in a private zone of the fixture's VPC. */
export function withPrivateDomain(stack: Stack, endpointPolicyNamesDomain: boolean): Stack {
  const r = stack.resource;
  r.aws_route53_zone = {
    zone: { name: 'example.internal', vpc: [{ vpc_id: ref('aws_vpc.vpc.id') }] },
  };
  r.aws_route53_record = {
    api: {
      zone_id: ref('aws_route53_zone.zone.zone_id'),
      name: 'api.example.internal',
      type: 'A',
      alias: {
        name: ref('aws_vpc_endpoint.api.dns_entry[0].dns_name'),
        zone_id: ref('aws_vpc_endpoint.api.dns_entry[0].hosted_zone_id'),
        evaluate_target_health: false,
      },
    },
  };
  r.aws_api_gateway_domain_name = {
    domain: {
      domain_name: 'api.example.internal',
      endpoint_configuration: { types: ['PRIVATE'] },
      policy: ref('data.aws_iam_policy_document.domain.json'),
    },
  };
  r.aws_api_gateway_domain_name_access_association = {
    assoc: {
      access_association_source: ref('aws_vpc_endpoint.api.id'),
      access_association_source_type: 'VPCE',
      domain_name_arn: ref('aws_api_gateway_domain_name.domain.arn'),
    },
  };
  r.aws_api_gateway_base_path_mapping = {
    mapping: {
      api_id: ref('aws_api_gateway_rest_api.api.id'),
      domain_name: ref('aws_api_gateway_domain_name.domain.domain_name'),
      domain_name_id: ref('aws_api_gateway_domain_name.domain.domain_name_id'),
      stage_name: ref('aws_api_gateway_stage.v1.stage_name'),
    },
  };
  const data = stack.data!.aws_iam_policy_document;
  data.domain = {
    statement: [
      {
        effect: 'Allow',
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        actions: ['execute-api:Invoke'],
        resources: ['execute-api:/*'],
        condition: [
          {
            test: 'StringEquals',
            variable: 'aws:SourceVpce',
            values: [ref('aws_vpc_endpoint.api.id')],
          },
        ],
      },
    ],
  };
  if (endpointPolicyNamesDomain) {
    const statement = (data.endpoint.statement as { resources: string[] }[])[0];
    statement.resources.push(
      `arn:aws:execute-api:us-east-1:111111111111:/domainnames/api.example.internal+${ref('aws_api_gateway_domain_name.domain.domain_name_id')}`,
    );
  }
  return stack;
}

/** Replaces /hello's MOCK with HTTP_PROXY through a VPC link to an NLB, ECS tasks behind it. */
export function withNlbBackend(stack: Stack): Stack {
  const r = stack.resource;
  r.aws_api_gateway_integration.hello = {
    ...at('api/integration-hello-GET'),
    rest_api_id: ref('aws_api_gateway_rest_api.api.id'),
    resource_id: ref('aws_api_gateway_resource.hello.id'),
    http_method: ref('aws_api_gateway_method.hello.http_method'),
    type: 'HTTP_PROXY',
    connection_type: 'VPC_LINK',
    connection_id: ref('aws_api_gateway_vpc_link.link.id'),
    uri: `http://${ref('aws_lb.nlb.dns_name')}:8080/hello`,
  };
  r.aws_api_gateway_vpc_link = {
    link: { ...at('link/resource'), name: 'link', target_arns: [ref('aws_lb.nlb.arn')] },
  };
  r.aws_lb = {
    nlb: {
      ...at('nlb/resource'),
      load_balancer_type: 'network',
      internal: true,
      subnets: [ref('aws_subnet.a.id')],
      security_groups: [ref('aws_security_group.nlb.id')],
      enforce_security_group_inbound_rules_on_private_link_traffic: 'off',
    },
  };
  r.aws_lb_listener = {
    app: {
      ...at('nlb/listener'),
      load_balancer_arn: ref('aws_lb.nlb.arn'),
      port: 8080,
      protocol: 'TCP',
      default_action: [{ type: 'forward', target_group_arn: ref('aws_lb_target_group.tasks.arn') }],
    },
  };
  r.aws_lb_target_group = {
    tasks: {
      ...at('nlb/tg'),
      port: 80,
      protocol: 'TCP',
      target_type: 'ip',
      vpc_id: ref('aws_vpc.vpc.id'),
    },
  };
  r.aws_security_group.nlb = { ...at('nlb/sg'), vpc_id: ref('aws_vpc.vpc.id') };
  r.aws_security_group.tasks = { ...at('service/sg'), vpc_id: ref('aws_vpc.vpc.id') };
  r.aws_vpc_security_group_egress_rule.nlb_out = {
    ...at('nlb/out'),
    security_group_id: ref('aws_security_group.nlb.id'),
    ip_protocol: 'tcp',
    from_port: 80,
    to_port: 80,
    referenced_security_group_id: ref('aws_security_group.tasks.id'),
  };
  r.aws_vpc_security_group_ingress_rule.tasks_in = {
    ...at('service/in'),
    security_group_id: ref('aws_security_group.tasks.id'),
    ip_protocol: 'tcp',
    from_port: 80,
    to_port: 80,
    referenced_security_group_id: ref('aws_security_group.nlb.id'),
  };
  r.aws_ecs_task_definition = {
    task: {
      ...at('service/task'),
      family: 'app',
      container_definitions: JSON.stringify([
        { name: 'app', image: 'nginx', portMappings: [{ containerPort: 80, protocol: 'tcp' }] },
      ]),
    },
  };
  r.aws_ecs_service = {
    service: {
      ...at('service/service'),
      task_definition: ref('aws_ecs_task_definition.task.arn'),
      load_balancer: [
        {
          container_name: 'app',
          container_port: 80,
          target_group_arn: ref('aws_lb_target_group.tasks.arn'),
        },
      ],
      network_configuration: {
        subnets: [ref('aws_subnet.a.id')],
        security_groups: [ref('aws_security_group.tasks.id')],
      },
    },
  };
  return stack;
}
