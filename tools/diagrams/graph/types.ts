// The diagram graph of one stack: groups, nodes, edges, and the node kinds.
import { TfResource } from '../model';
import { Builder } from './builder';
export type GroupKind = 'on-premises' | 'account' | 'region' | 'vpc' | 'zone';

export interface Group {
  readonly id: string;
  readonly kind: GroupKind;
  readonly label: readonly string[];
  /** Enclosing group; top-level groups have none. */
  readonly parent?: string;
  /** Terraform address of the resource behind the group (VPCs and zones). */
  readonly address?: string;
}

export type NodeKind =
  | 'subnet'
  | 'endpoint'
  | 'endpoint-service'
  | 'rest-api'
  | 'http-api'
  | 'vpc-link'
  | 'domain'
  | 'load-balancer'
  | 'target-group'
  | 'ip-targets'
  | 'clients'
  | 'ecs-service'
  | 'lambda'
  | 'ec2'
  | 'asg'
  | 'cloud-map'
  | 'record'
  | 'resolver-endpoint'
  | 'resolver-rule'
  | 'transit-gateway'
  | 'vpn-gateway'
  | 'customer-gateway'
  | 'dx-gateway';

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  /** Lines of the label; the first names the thing. */
  readonly label: readonly string[];
  readonly group: string;
  readonly address: string;
}

/**
 * `request`: the path a call takes; `network`: connectivity (attachments, peering, VPN), drawn
 * both ways; `dns`: a name that resolves to its target; `allowed`: a security group rule that
 * lets one node reach another where no request edge already shows it.
 */
export type EdgeKind = 'request' | 'network' | 'dns' | 'allowed';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
}

export interface Graph {
  readonly stack: string;
  readonly groups: readonly Group[];
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
}

export type Placement = 'vpc' | 'region' | 'account' | 'zone' | 'on-premises';

export interface NodeType {
  readonly kind: NodeKind;
  readonly place: Placement;
  readonly label: (r: TfResource, g: Builder) => string[];
}
