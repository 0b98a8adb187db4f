// Graph extraction of callers and node names, and the Mermaid rendering of a graph.
import { renderMermaid } from '../mermaid';
import { type Blocks, edges, graphOf, merge, network, node, privateApi } from './graph-fixture';

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
