// Small hand-written cdk.tf.json inputs shared by the graph tests, and readers of the graph.
import { Graph, extractGraph } from '../graph';
import { StackJson, readStack } from '../model';

export type Blocks = Record<string, Record<string, Record<string, unknown>>>;

export const deployProvider = (accountId: string, region: string, alias?: string) => ({
  alias,
  region,
  allowed_account_ids: [accountId],
});

export function graphOf(
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

export const node = (graph: Graph, id: string) => {
  const found = graph.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node ${id}; nodes: ${graph.nodes.map((n) => n.id).join(', ')}`);
  return found;
};
export const edges = (graph: Graph) =>
  graph.edges.map((e) => `${e.from} ${e.kind} ${e.to}${e.label ? ` (${e.label})` : ''}`);
export const groupOf = (graph: Graph, id: string) => graph.groups.find((g) => g.id === id);

/** A VPC with two subnets, the piece most inputs start from. */
export const network = (name = 'net'): Blocks => ({
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

export const merge = (...parts: Blocks[]): Blocks => {
  const out: Blocks = {};
  for (const part of parts)
    for (const [type, byName] of Object.entries(part)) out[type] = { ...out[type], ...byName };
  return out;
};

export const privateApi: Blocks = merge(network(), {
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
