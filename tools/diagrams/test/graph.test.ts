// Graph extraction on small hand-written cdk.tf.json inputs: nodes, groups and edges.
import { Graph, extractGraph } from '../graph';
import { renderMermaid } from '../mermaid';
import { StackJson, readStack, referencesIn } from '../model';

type Blocks = Record<string, Record<string, Record<string, unknown>>>;

const deployProvider = (accountId: string, region: string, alias?: string) => ({
  alias,
  region,
  allowed_account_ids: [accountId],
});

function graphOf(
  resource: Blocks,
  options: { data?: Blocks; provider?: StackJson['provider'] } = {},
): Graph {
  const json: StackJson = {
    provider: options.provider ?? { aws: [deployProvider('111111111111', 'us-east-1')] },
    resource,
    data: options.data,
  };
  return extractGraph(readStack('test', json));
}

const node = (graph: Graph, id: string) => {
  const found = graph.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}; nodes: ${graph.nodes.map((n) => n.id).join(', ')}`);
  return found;
};
const edges = (graph: Graph) =>
  graph.edges.map((e) => `${e.from} ${e.kind} ${e.to}${e.label ? ` (${e.label})` : ''}`);
const groupOf = (graph: Graph, id: string) => graph.groups.find((g) => g.id === id);

/** A VPC with two subnets, the piece most inputs start from. */
const network = (name = 'net'): Blocks => ({
  aws_vpc: { [`${name}_vpc`]: { cidr_block: '10.0.0.0/16', tags: { Name: name } } },
  aws_subnet: {
    [`${name}_a`]: {
      vpc_id: `\${aws_vpc.${name}_vpc.id}`,
      availability_zone: 'us-east-1a',
      cidr_block: '10.0.0.0/20',
    },
    [`${name}_b`]: {
      vpc_id: `\${aws_vpc.${name}_vpc.id}`,
      availability_zone: 'us-east-1b',
      cidr_block: '10.0.16.0/20',
    },
  },
});

const merge = (...parts: Blocks[]): Blocks => {
  const out: Blocks = {};
  for (const part of parts)
    for (const [type, byName] of Object.entries(part)) out[type] = { ...out[type], ...byName };
  return out;
};

const privateApi: Blocks = merge(network(), {
  aws_vpc_endpoint: {
    ep: {
      service_name: 'com.amazonaws.us-east-1.execute-api',
      vpc_endpoint_type: 'Interface',
      private_dns_enabled: true,
      vpc_id: '${aws_vpc.net_vpc.id}',
      subnet_ids: ['${aws_subnet.net_a.id}', '${aws_subnet.net_b.id}'],
    },
  },
  aws_api_gateway_rest_api: {
    api_1A2B3C4D: {
      name: 'orders',
      endpoint_configuration: {
        types: ['PRIVATE'],
        vpc_endpoint_ids: ['${aws_vpc_endpoint.ep.id}'],
      },
    },
  },
});

describe('referencesIn', () => {
  const known = new Map<string, unknown>([
    ['aws_vpc.v', {}],
    ['data.aws_iam_policy_document.p', {}],
    ['aws_subnet.s-1', {}],
  ]);

  test('finds resource and data source addresses in interpolations, once each, in order', () => {
    const value = {
      a: '${aws_subnet.s-1.id}',
      b: ['x-${aws_vpc.v.cidr_block}-${data.aws_iam_policy_document.p.json}', '${aws_vpc.v.id}'],
    };
    expect(referencesIn(value, known)).toEqual([
      'aws_subnet.s-1',
      'aws_vpc.v',
      'data.aws_iam_policy_document.p',
    ]);
  });

  test('ignores text outside interpolations, unknown addresses and cdktf metadata', () => {
    expect(
      referencesIn(
        { '//': { path: '${aws_vpc.v.id}' }, name: 'aws_vpc.v', other: '${aws_vpc.gone.id}' },
        known,
      ),
    ).toEqual([]);
  });
});

describe('extractGraph', () => {
  test('draws a private REST API behind its execute-api endpoint, inside account, Region and VPC groups', () => {
    const graph = graphOf(privateApi);
    expect(graph.groups.map((g) => [g.id, g.kind, g.parent])).toEqual([
      ['g_acct_111111111111', 'account', undefined],
      ['g_reg_111111111111_us_east_1', 'region', 'g_acct_111111111111'],
      ['g_vpc_net_vpc', 'vpc', 'g_reg_111111111111_us_east_1'],
    ]);
    expect(groupOf(graph, 'g_acct_111111111111')!.label).toEqual(['Account 111111111111']);
    // The cdktf hash suffix is dropped from IDs; the API sits in the Region, the endpoint in the VPC.
    expect(node(graph, 'n_api').group).toBe('g_reg_111111111111_us_east_1');
    expect(node(graph, 'n_api').label).toEqual(['REST API orders', 'PRIVATE']);
    expect(node(graph, 'n_ep').group).toBe('g_vpc_net_vpc');
    expect(node(graph, 'n_ep').label).toEqual([
      'execute-api endpoint',
      'Interface, private DNS on, 2 AZs',
    ]);
    expect(node(graph, 'n_net_a').label).toEqual(['Subnet us-east-1a', '10.0.0.0/20']);
    expect(edges(graph)).toEqual(['n_ep request n_api (execute-api)']);
  });

  test('a Lambda client that references the API calls it through the endpoint in its VPC', () => {
    const graph = graphOf(
      merge(privateApi, {
        aws_api_gateway_stage: {
          stage: { rest_api_id: '${aws_api_gateway_rest_api.api_1A2B3C4D.id}', stage_name: 'v1' },
        },
        aws_lambda_function: {
          client: {
            function_name: 'caller',
            runtime: 'nodejs22.x',
            environment: { variables: { STAGE: '${aws_api_gateway_stage.stage.stage_name}' } },
            vpc_config: { subnet_ids: ['${aws_subnet.net_a.id}'], security_group_ids: [] },
          },
        },
      }),
    );
    expect(node(graph, 'n_client').group).toBe('g_vpc_net_vpc');
    expect(edges(graph)).toContain('n_client request n_ep (HTTPS)');
    expect(edges(graph)).not.toContain('n_client request n_api (HTTPS)');
  });

  test('an EC2 client is found through the IAM policy attached to its instance profile role', () => {
    const graph = graphOf(
      merge(privateApi, {
        aws_iam_role: { role: { assume_role_policy: '{}' } },
        aws_iam_instance_profile: { profile: { role: '${aws_iam_role.role.name}' } },
        aws_iam_role_policy: {
          invoke: {
            role: '${aws_iam_role.role.id}',
            policy: '${data.aws_iam_policy_document.invoke.json}',
          },
        },
        aws_instance: {
          vm: {
            subnet_id: '${aws_subnet.net_b.id}',
            iam_instance_profile: '${aws_iam_instance_profile.profile.name}',
            tags: { Name: 'client' },
            instance_type: 't3.micro',
          },
        },
      }),
      {
        data: {
          aws_iam_policy_document: {
            invoke: {
              statement: [
                { resources: ['${aws_api_gateway_rest_api.api_1A2B3C4D.execution_arn}/*'] },
              ],
            },
          },
        },
      },
    );
    expect(node(graph, 'n_vm').label).toEqual(['EC2 client', 't3.micro']);
    expect(edges(graph)).toContain('n_vm request n_ep (HTTPS)');
  });

  test('accounts and Regions come from provider aliases and their allowed account IDs', () => {
    const graph = graphOf(
      {
        aws_api_gateway_rest_api: {
          public: { name: 'front', endpoint_configuration: { types: ['REGIONAL'] } },
        },
        aws_ec2_transit_gateway: {
          tgw: { provider: 'aws.network', auto_accept_shared_attachments: 'disable' },
        },
        aws_lambda_function: {
          fn: { provider: 'aws.west', function_name: 'backend', runtime: 'python3.13' },
        },
      },
      {
        provider: {
          aws: [
            deployProvider('111111111111', 'us-east-1'),
            deployProvider('222222222222', 'us-east-1', 'network'),
            deployProvider('111111111111', 'us-west-2', 'west'),
          ],
        },
      },
    );
    expect(graph.groups.map((g) => `${g.id} < ${g.parent ?? '-'}`)).toEqual([
      'g_acct_111111111111 < -',
      'g_acct_222222222222 < -',
      'g_reg_111111111111_us_east_1 < g_acct_111111111111',
      'g_reg_111111111111_us_west_2 < g_acct_111111111111',
      'g_reg_222222222222_us_east_1 < g_acct_222222222222',
    ]);
    expect(node(graph, 'n_public').group).toBe('g_reg_111111111111_us_east_1');
    expect(node(graph, 'n_tgw').group).toBe('g_reg_222222222222_us_east_1');
    expect(node(graph, 'n_tgw').label).toEqual(['Transit gateway', 'auto-accept off']);
    // A Lambda outside any VPC sits in its provider's Region.
    expect(node(graph, 'n_fn').group).toBe('g_reg_111111111111_us_west_2');
  });

  test('offline synths (no account IDs) group by provider alias', () => {
    const graph = graphOf(
      { aws_ec2_transit_gateway: { a: {}, b: { provider: 'aws.consumer' } } },
      { provider: { aws: [{ region: 'eu-west-1' }, { alias: 'consumer', region: 'eu-west-1' }] } },
    );
    expect(graph.groups.filter((g) => g.kind === 'account').map((g) => [g.id, g.label[0]])).toEqual(
      [
        ['g_acct_provider_aws', 'Stack account'],
        ['g_acct_provider_consumer', 'Account of provider aws.consumer'],
      ],
    );
    expect(node(graph, 'n_b').group).toBe('g_reg_provider_consumer_eu_west_1');
  });

  test('a REST API reaches an NLB through a VPC link; listener, target group and IP targets follow', () => {
    const graph = graphOf(
      merge(network(), {
        aws_api_gateway_rest_api: {
          api: { name: 'front', endpoint_configuration: { types: ['REGIONAL'] } },
        },
        aws_api_gateway_vpc_link: { link: { name: 'to-nlb', target_arns: ['${aws_lb.nlb.arn}'] } },
        aws_api_gateway_integration: {
          proxy: {
            rest_api_id: '${aws_api_gateway_rest_api.api.id}',
            type: 'HTTP_PROXY',
            connection_type: 'VPC_LINK',
            connection_id: '${aws_api_gateway_vpc_link.link.id}',
            uri: 'https://${aws_lb.nlb.dns_name}/',
          },
        },
        aws_lb: {
          nlb: {
            name: 'nlb',
            load_balancer_type: 'network',
            internal: true,
            subnets: ['${aws_subnet.net_a.id}', '${aws_subnet.net_b.id}'],
          },
        },
        aws_lb_target_group: {
          tg: {
            name: 'endpoint-ips',
            target_type: 'ip',
            protocol: 'TLS',
            port: 443,
            vpc_id: '${aws_vpc.net_vpc.id}',
          },
        },
        aws_lb_listener: {
          tls: {
            load_balancer_arn: '${aws_lb.nlb.arn}',
            protocol: 'TLS',
            port: 443,
            default_action: [
              { type: 'forward', target_group_arn: '${aws_lb_target_group.tg.arn}' },
            ],
          },
        },
        aws_lb_target_group_attachment: {
          ip1: {
            target_group_arn: '${aws_lb_target_group.tg.arn}',
            target_id: '10.1.0.10',
            availability_zone: 'all',
          },
          ip2: {
            target_group_arn: '${aws_lb_target_group.tg.arn}',
            target_id: '10.1.16.10',
            availability_zone: 'all',
          },
        },
      }),
    );
    expect(node(graph, 'n_nlb').label).toEqual(['NLB nlb', 'internal']);
    expect(node(graph, 'n_nlb').group).toBe('g_vpc_net_vpc');
    expect(node(graph, 'n_tg').label).toEqual(['Target group endpoint-ips', 'ip targets, TLS 443']);
    expect(node(graph, 'n_tg_targets').label).toEqual(['2 targets', '10.1.0.10, 10.1.16.10']);
    expect(edges(graph)).toEqual([
      'n_api request n_link (HTTP_PROXY)',
      'n_internet_clients request n_api (HTTPS)',
      'n_link request n_nlb',
      'n_nlb request n_tg (TLS 443)',
      'n_tg request n_tg_targets',
    ]);
  });

  test('an HTTP API reaches an ALB listener and a Cloud Map service through a VPC link (v2)', () => {
    const graph = graphOf(
      merge(network(), {
        aws_apigatewayv2_api: { http: { name: 'http', protocol_type: 'HTTP' } },
        aws_apigatewayv2_vpc_link: {
          link2: { name: 'link2', subnet_ids: ['${aws_subnet.net_a.id}'], security_group_ids: [] },
        },
        aws_apigatewayv2_integration: {
          to_alb: {
            api_id: '${aws_apigatewayv2_api.http.id}',
            integration_type: 'HTTP_PROXY',
            connection_id: '${aws_apigatewayv2_vpc_link.link2.id}',
            integration_uri: '${aws_lb_listener.https.arn}',
          },
          to_map: {
            api_id: '${aws_apigatewayv2_api.http.id}',
            integration_type: 'HTTP_PROXY',
            connection_id: '${aws_apigatewayv2_vpc_link.link2.id}',
            integration_uri: '${aws_service_discovery_service.orders.arn}',
          },
        },
        aws_lb: {
          alb: {
            name: 'alb',
            load_balancer_type: 'application',
            internal: true,
            subnets: ['${aws_subnet.net_a.id}'],
          },
        },
        aws_lb_target_group: {
          tasks: {
            name: 'tasks',
            target_type: 'ip',
            protocol: 'HTTP',
            port: 8080,
            vpc_id: '${aws_vpc.net_vpc.id}',
          },
        },
        aws_lb_listener: {
          https: {
            load_balancer_arn: '${aws_lb.alb.arn}',
            protocol: 'HTTPS',
            port: 443,
            default_action: [
              { type: 'forward', target_group_arn: '${aws_lb_target_group.tasks.arn}' },
            ],
          },
        },
        aws_service_discovery_service: {
          orders: { name: 'orders', dns_config: { dns_records: [{ type: 'SRV', ttl: 10 }] } },
        },
        aws_ecs_service: {
          svc: {
            name: 'orders',
            launch_type: 'FARGATE',
            desired_count: 2,
            network_configuration: { subnets: ['${aws_subnet.net_a.id}'] },
            load_balancer: [
              { target_group_arn: '${aws_lb_target_group.tasks.arn}', container_port: 8080 },
            ],
            service_registries: { registry_arn: '${aws_service_discovery_service.orders.arn}' },
          },
        },
      }),
    );
    expect(node(graph, 'n_link2').group).toBe('g_vpc_net_vpc');
    expect(node(graph, 'n_svc').label).toEqual(['ECS service orders', 'FARGATE, 2 tasks']);
    expect(node(graph, 'n_orders').label).toEqual(['Cloud Map service orders', 'SRV records']);
    expect(edges(graph)).toEqual([
      'n_alb request n_tasks (HTTPS 443)',
      'n_http request n_link2 (HTTP_PROXY)',
      'n_internet_clients request n_http (HTTPS)',
      'n_link2 request n_alb',
      'n_link2 request n_orders',
      'n_orders request n_svc (service discovery)',
      'n_tasks request n_svc (port 8080)',
    ]);
  });

  test('records sit in their hosted zone and point at their alias targets', () => {
    const graph = graphOf(
      merge(network(), {
        aws_route53_zone: {
          zone: { name: 'api.example.internal', vpc: [{ vpc_id: '${aws_vpc.net_vpc.id}' }] },
        },
        aws_lb: {
          nlb: {
            name: 'nlb',
            load_balancer_type: 'network',
            internal: true,
            subnets: ['${aws_subnet.net_a.id}'],
          },
        },
        aws_route53_record: {
          primary: {
            zone_id: '${aws_route53_zone.zone.zone_id}',
            name: 'api.example.internal',
            type: 'A',
            set_identifier: 'primary',
            failover_routing_policy: { type: 'PRIMARY' },
            health_check_id: '${aws_route53_health_check.hc.id}',
            alias: {
              name: '${aws_lb.nlb.dns_name}',
              zone_id: '${aws_lb.nlb.zone_id}',
              evaluate_target_health: true,
            },
          },
        },
        aws_route53_health_check: { hc: { type: 'CLOUDWATCH_METRIC' } },
      }),
    );
    expect(groupOf(graph, 'g_zone_zone')).toEqual(
      expect.objectContaining({
        kind: 'zone',
        parent: 'g_acct_111111111111',
        label: ['Private hosted zone api.example.internal', '1 VPCs'],
      }),
    );
    expect(node(graph, 'n_primary').group).toBe('g_zone_zone');
    expect(node(graph, 'n_primary').label).toEqual([
      'api.example.internal',
      'A, alias, failover PRIMARY, health check',
    ]);
    expect(edges(graph)).toEqual(['n_primary dns n_nlb (alias)']);
  });

  test('VPN, transit gateway attachments and peering connect networks', () => {
    const graph = graphOf(
      merge(network('a'), network('b'), {
        aws_ec2_transit_gateway: { tgw: {} },
        aws_ec2_transit_gateway_vpc_attachment: {
          att: {
            transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}',
            vpc_id: '${aws_vpc.a_vpc.id}',
            subnet_ids: [],
          },
        },
        aws_vpc_peering_connection: {
          peer: { vpc_id: '${aws_vpc.a_vpc.id}', peer_vpc_id: '${aws_vpc.b_vpc.id}' },
        },
        aws_customer_gateway: {
          cgw: { ip_address: '203.0.113.10', bgp_asn: '65000', type: 'ipsec.1' },
        },
        aws_vpn_connection: {
          vpn: {
            customer_gateway_id: '${aws_customer_gateway.cgw.id}',
            transit_gateway_id: '${aws_ec2_transit_gateway.tgw.id}',
            type: 'ipsec.1',
          },
        },
      }),
    );
    expect(node(graph, 'n_cgw').group).toBe('g_on_premises');
    expect(node(graph, 'n_cgw').label).toEqual(['Customer gateway 203.0.113.10', 'BGP ASN 65000']);
    expect(edges(graph)).toEqual([
      'g_vpc_a_vpc network g_vpc_b_vpc (VPC peering)',
      'g_vpc_a_vpc network n_tgw (attachment)',
      'n_cgw network n_tgw (site-to-site VPN)',
    ]);
  });

  test('a security group rule between two drawn resources shows as an allowed edge', () => {
    const graph = graphOf(
      merge(network(), {
        aws_security_group: {
          client_sg: { vpc_id: '${aws_vpc.net_vpc.id}' },
          ssm_sg: { vpc_id: '${aws_vpc.net_vpc.id}' },
        },
        aws_vpc_security_group_ingress_rule: {
          in: {
            security_group_id: '${aws_security_group.ssm_sg.id}',
            referenced_security_group_id: '${aws_security_group.client_sg.id}',
            from_port: 443,
            to_port: 443,
            ip_protocol: 'tcp',
          },
        },
        aws_instance: {
          vm: {
            subnet_id: '${aws_subnet.net_a.id}',
            vpc_security_group_ids: ['${aws_security_group.client_sg.id}'],
            instance_type: 't3.micro',
          },
        },
        aws_vpc_endpoint: {
          ssm: {
            service_name: 'com.amazonaws.us-east-1.ssm',
            vpc_endpoint_type: 'Interface',
            private_dns_enabled: true,
            vpc_id: '${aws_vpc.net_vpc.id}',
            security_group_ids: ['${aws_security_group.ssm_sg.id}'],
          },
        },
      }),
    );
    expect(edges(graph)).toEqual(['n_vm allowed n_ssm (tcp 443)']);
  });
});

describe('extractGraph: callers and names', () => {
  test('a public API gets clients on the internet, outside every group; a private one does not', () => {
    const graph = graphOf(
      merge(privateApi, {
        aws_api_gateway_rest_api: {
          front: { name: 'front', endpoint_configuration: { types: ['REGIONAL'] } },
        },
      }),
    );
    expect(node(graph, 'n_internet_clients')).toEqual(
      expect.objectContaining({ kind: 'clients', group: '', label: ['Clients on the internet'] }),
    );
    expect(edges(graph).filter((e) => e.startsWith('n_internet_clients'))).toEqual([
      'n_internet_clients request n_front (HTTPS)',
    ]);
    expect(renderMermaid(graph)).toMatch(
      /^  n_internet_clients\(\["Clients on the internet"\]\)$/m,
    );
  });

  test('a custom domain in front of a private API gets no internet clients', () => {
    const graph = graphOf(
      merge(privateApi, {
        aws_api_gateway_domain_name: {
          domain: {
            domain_name: 'api.example.com',
            endpoint_configuration: { types: ['REGIONAL'] },
          },
        },
        aws_api_gateway_base_path_mapping: {
          map: {
            api_id: '${aws_api_gateway_rest_api.api_1A2B3C4D.id}',
            domain_name: '${aws_api_gateway_domain_name.domain.domain_name}',
          },
        },
      }),
    );
    expect(edges(graph)).toContain('n_domain request n_api (base path)');
    expect(graph.nodes.map((n) => n.id)).not.toContain('n_internet_clients');
  });

  test('an API calls its Lambda authorizer', () => {
    const graph = graphOf({
      aws_api_gateway_rest_api: {
        api: { name: 'front', endpoint_configuration: { types: ['REGIONAL'] } },
      },
      aws_lambda_function: { auth: { function_name: 'auth', runtime: 'nodejs22.x' } },
      aws_api_gateway_authorizer: {
        jwt: {
          rest_api_id: '${aws_api_gateway_rest_api.api.id}',
          authorizer_uri: '${aws_lambda_function.auth.invoke_arn}',
        },
      },
    });
    expect(edges(graph)).toContain('n_api request n_auth (authorizer)');
  });

  test('security group CIDRs become clients: in the VPC that holds them, else on premises', () => {
    const graph = graphOf(
      merge(privateApi, {
        aws_security_group: { ep_sg: { vpc_id: '${aws_vpc.net_vpc.id}' } },
        aws_vpc_security_group_ingress_rule: {
          vpc: {
            security_group_id: '${aws_security_group.ep_sg.id}',
            cidr_ipv4: '10.0.0.0/16',
            ip_protocol: 'tcp',
            from_port: 443,
            to_port: 443,
          },
          corp: {
            security_group_id: '${aws_security_group.ep_sg.id}',
            cidr_ipv4: '192.168.0.0/20',
            ip_protocol: 'tcp',
            from_port: 443,
            to_port: 443,
          },
        },
        aws_customer_gateway: { cgw: { ip_address: '203.0.113.10', bgp_asn: '65000' } },
        aws_vpc_endpoint: {
          ep: {
            service_name: 'com.amazonaws.us-east-1.execute-api',
            vpc_endpoint_type: 'Interface',
            private_dns_enabled: false,
            vpc_id: '${aws_vpc.net_vpc.id}',
            security_group_ids: ['${aws_security_group.ep_sg.id}'],
          },
        },
      }),
    );
    expect(node(graph, 'n_clients_10_0_0_0_16')).toEqual(
      expect.objectContaining({
        group: 'g_vpc_net_vpc',
        label: ['Clients in the VPC', '10.0.0.0/16'],
      }),
    );
    expect(node(graph, 'n_clients_192_168_0_0_20')).toEqual(
      expect.objectContaining({
        group: 'g_on_premises',
        label: ['On-premises clients', '192.168.0.0/20'],
      }),
    );
    expect(edges(graph)).toEqual(
      expect.arrayContaining([
        'n_clients_10_0_0_0_16 request n_ep (tcp 443)',
        'n_clients_192_168_0_0_20 request n_ep (tcp 443)',
      ]),
    );
  });

  test('endpoint labels name the service; unnamed resources are named by their construct path', () => {
    const graph = graphOf(
      merge(network(), {
        aws_vpc_endpoint: {
          ecr: {
            service_name: 'com.amazonaws.eu-west-1.ecr.api',
            vpc_endpoint_type: 'Interface',
            private_dns_enabled: true,
            vpc_id: '${aws_vpc.net_vpc.id}',
          },
        },
        aws_lb_target_group: {
          tg_ABCDEF12: {
            '//': { metadata: { path: 'stack/nlb/tg-tasks/resource' } },
            name_prefix: '${var.x}',
            target_type: 'ip',
            vpc_id: '${aws_vpc.net_vpc.id}',
          },
        },
      }),
    );
    expect(node(graph, 'n_ecr').label[0]).toBe('ecr.api endpoint');
    expect(node(graph, 'n_tg').label[0]).toBe('Target group nlb/tg-tasks');
  });
});

describe('renderMermaid', () => {
  test('nests groups, shapes nodes by kind and draws each edge kind with its arrow', () => {
    const text = renderMermaid(graphOf(privateApi));
    expect(text.startsWith('flowchart LR\n')).toBe(true);
    expect(text).toContain(
      '  subgraph g_acct_111111111111["Account 111111111111"]\n    subgraph g_reg_111111111111_us_east_1["us-east-1"]',
    );
    expect(text).toContain('n_api(["REST API orders<br/>PRIVATE"])');
    expect(text).toContain('n_ep[/"execute-api endpoint<br/>Interface, private DNS on, 2 AZs"/]');
    expect(text).toContain('  n_ep -->|execute-api| n_api\n');
    expect(text.match(/^\s*subgraph /gm)).toHaveLength(3);
    expect(text.match(/^\s*end$/gm)).toHaveLength(3);
  });

  test('escapes quotes and angle brackets in labels', () => {
    const text = renderMermaid(
      graphOf({ aws_api_gateway_rest_api: { api: { name: 'say "hi" <now>' } } }),
    );
    expect(text).toContain('REST API say #quot;hi#quot; #60;now#62;');
  });

  test('the same stack gives the same text whatever order its JSON lists resources in', () => {
    const reversed: Blocks = {};
    for (const type of Object.keys(privateApi).reverse()) {
      reversed[type] = Object.fromEntries(Object.entries(privateApi[type]).reverse());
    }
    expect(renderMermaid(graphOf(reversed))).toBe(renderMermaid(graphOf(privateApi)));
  });
});
