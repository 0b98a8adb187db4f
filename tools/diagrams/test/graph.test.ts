// Graph extraction on small hand-written cdk.tf.json inputs: nodes, groups and edges.
import { referencesIn } from '../model';
import { deployProvider, edges, graphOf, groupOf, merge, node, privateApi } from './graph-fixture';

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
});
