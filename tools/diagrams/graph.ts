// Turns one synthesized stack into a diagram graph: groups (accounts, Regions, VPCs, hosted
// zones, on-premises), the nodes a request meets (endpoints, APIs, VPC links, load balancers,
// target groups, compute, DNS, gateways) and the edges it follows, all derived from the
// references between resources. Generic over any stack: nothing here knows an app.
import { Builder } from './graph/builder';
import {
  addAllowedEdges,
  addAuthorizerEdges,
  addCidrClients,
  addClientEdges,
  addInternetClients,
} from './graph/client-edges';
import {
  addApiEdges,
  addDnsEdges,
  addLoadBalancingEdges,
  addNetworkEdges,
} from './graph/request-edges';
import type { Graph, GraphEdge } from './graph/types';
import type { StackModel } from './model';

export type * from './graph/types';

/** Extracts the diagram graph of one stack. Output order is stable: sorted by ID. */
export function extractGraph(model: StackModel): Graph {
  const g = new Builder(model);
  g.buildGroups();
  g.buildNodes();
  addApiEdges(g);
  addLoadBalancingEdges(g);
  addDnsEdges(g);
  addNetworkEdges(g);
  addAuthorizerEdges(g);
  addInternetClients(g);
  addClientEdges(g);
  addCidrClients(g);
  addAllowedEdges(g);
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const edgeKey = (e: GraphEdge) => `${e.from}|${e.to}|${e.kind}|${e.label ?? ''}`;
  return {
    stack: model.stack,
    groups: [...g.groups.values()].sort(byId),
    nodes: [...g.nodes.values()].sort(byId),
    edges: g
      .edgeList()
      .sort((a, b) => (edgeKey(a) < edgeKey(b) ? -1 : edgeKey(a) > edgeKey(b) ? 1 : 0)),
  };
}
