// Renders a diagram graph as a Mermaid flowchart: groups become nested subgraphs, nodes get a
// shape by kind, edges an arrow by kind. Same graph, same text.
import type { EdgeKind, Graph, GraphNode, NodeKind } from './graph';

/** Mermaid label text: quotes and angle brackets escaped, lines joined with <br/>. */
export function labelText(lines: readonly string[]): string {
  return lines
    .map((line) =>
      line
        .replace(/&/g, '#38;')
        .replace(/"/g, '#quot;')
        .replace(/</g, '#60;')
        .replace(/>/g, '#62;'),
    )
    .join('<br/>');
}

const SHAPES: Record<NodeKind, [string, string]> = {
  subnet: ['[', ']'],
  endpoint: ['[/', '/]'],
  'endpoint-service': ['[/', '/]'],
  'rest-api': ['([', '])'],
  'http-api': ['([', '])'],
  'vpc-link': ['[[', ']]'],
  domain: ['([', '])'],
  'load-balancer': ['{{', '}}'],
  'target-group': ['[', ']'],
  'ip-targets': ['[', ']'],
  clients: ['([', '])'],
  'ecs-service': ['[', ']'],
  lambda: ['[', ']'],
  ec2: ['[', ']'],
  asg: ['[', ']'],
  'cloud-map': ['[(', ')]'],
  record: ['[(', ')]'],
  'resolver-endpoint': ['[/', '/]'],
  'resolver-rule': ['[', ']'],
  'transit-gateway': ['((', '))'],
  'vpn-gateway': ['((', '))'],
  'customer-gateway': ['((', '))'],
  'dx-gateway': ['((', '))'],
};

const ARROWS: Record<EdgeKind, string> = {
  request: '-->',
  network: '<-->',
  dns: '-.->',
  allowed: '-.->',
};

/** Node classes, so a reader can tell the request path from the plumbing at a glance. */
const CLASSES: Record<string, { kinds: NodeKind[]; style: string }> = {
  api: { kinds: ['rest-api', 'http-api', 'domain'], style: 'fill:#f3e8ff,stroke:#7e3af2' },
  edge: {
    kinds: ['endpoint', 'endpoint-service', 'vpc-link', 'resolver-endpoint'],
    style: 'fill:#e0f2fe,stroke:#0369a1',
  },
  lb: {
    kinds: ['load-balancer', 'target-group', 'ip-targets'],
    style: 'fill:#fef3c7,stroke:#b45309',
  },
  compute: {
    kinds: ['ecs-service', 'lambda', 'ec2', 'asg', 'clients'],
    style: 'fill:#dcfce7,stroke:#15803d',
  },
  dns: { kinds: ['record', 'cloud-map', 'resolver-rule'], style: 'fill:#fce7f3,stroke:#be185d' },
  net: {
    kinds: ['subnet', 'transit-gateway', 'vpn-gateway', 'customer-gateway', 'dx-gateway'],
    style: 'fill:#f1f5f9,stroke:#475569',
  },
};

function nodeLine(node: GraphNode, indent: string): string {
  const [open, close] = SHAPES[node.kind];
  return `${indent}${node.id}${open}"${labelText(node.label)}"${close}`;
}

/** The `flowchart` text of one stack. */
export function renderMermaid(graph: Graph): string {
  const lines = ['flowchart LR'];
  const children = (parent: string | undefined) => graph.groups.filter((g) => g.parent === parent);
  const writeGroup = (id: string | undefined, depth: number) => {
    const indent = '  '.repeat(depth + 1);
    for (const node of graph.nodes.filter((n) => (n.group || undefined) === id))
      lines.push(nodeLine(node, indent));
    for (const group of children(id)) {
      lines.push(`${indent}subgraph ${group.id}["${labelText(group.label.filter(Boolean))}"]`);
      writeGroup(group.id, depth + 1);
      lines.push(`${indent}end`);
    }
  };
  writeGroup(undefined, 0);
  for (const edge of graph.edges) {
    const arrow = ARROWS[edge.kind];
    lines.push(`  ${edge.from} ${arrow}${edge.label ? `|${edge.label}|` : ''} ${edge.to}`);
  }
  for (const [name, { kinds, style }] of Object.entries(CLASSES)) {
    const ids = graph.nodes.filter((n) => kinds.includes(n.kind)).map((n) => n.id);
    if (ids.length > 0) {
      lines.push(`  classDef ${name} ${style}`);
      lines.push(`  class ${ids.join(',')} ${name}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
