import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { Problems } from '../errors';
import type { Network } from '../network/network';
import { ISecurityGroup, RuleSpec, SecurityGroup } from '../network/security-group';

export interface InterfaceEndpointProps {
  readonly network: Network;
  /** Service suffix after `com.amazonaws.<region>.`, e.g. `execute-api` or `ssm`. */
  readonly service: string;
  /** Networks allowed to reach the endpoint on 443. */
  readonly clientCidrs?: readonly string[];
  /**
   * Security groups allowed to reach the endpoint on 443, keyed by a stable name.
   * @default - none; only clientCidrs
   */
  readonly clientGroups?: Record<string, ISecurityGroup>;
  /**
   * Whether the service's public DNS name resolves to the endpoint inside the VPC.
   * @default true
   */
  readonly privateDns?: boolean;
  /**
   * Endpoint policy document (JSON).
   * @default - the service's full-access default policy
   */
  readonly policy?: string;
}

/**
 * An interface VPC endpoint in every private subnet of a network, with a security group that
 * admits HTTPS only from the given clients.
 */
export class InterfaceEndpoint extends Construct {
  readonly resource: VpcEndpoint;
  readonly securityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: InterfaceEndpointProps) {
    super(scope, id);
    const clientCidrs = props.clientCidrs ?? [];
    const clientGroups = props.clientGroups ?? {};
    new Problems(`InterfaceEndpoint ${this.node.path}`)
      .check(
        clientCidrs.length > 0 || Object.keys(clientGroups).length > 0,
        'NoClients',
        'props.clientCidrs',
        props.clientCidrs,
        'must name at least one client CIDR or security group allowed to reach the endpoint',
      )
      .throwIfAny();
    const { region } = targetOf(this);
    const ingress: Record<string, RuleSpec> = {};
    if (clientCidrs.length > 0) {
      ingress.https = {
        description: `HTTPS to ${props.service} from client networks`,
        protocol: 'tcp',
        ports: 443,
        cidrs: clientCidrs,
      };
    }
    for (const [key, group] of Object.entries(clientGroups)) {
      ingress[`https-${key}`] = {
        description: `HTTPS to ${props.service} from ${key}`,
        protocol: 'tcp',
        ports: 443,
        peer: group,
      };
    }
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${props.service}-endpoint`,
      description: `Interface endpoint for ${props.service}: HTTPS from named clients only`,
      ingress,
    });
    this.resource = new VpcEndpoint(this, 'resource', {
      vpcId: props.network.vpc.id,
      serviceName: `com.amazonaws.${region}.${props.service}`,
      vpcEndpointType: 'Interface',
      subnetIds: props.network.subnetIds,
      securityGroupIds: [this.securityGroup.id],
      privateDnsEnabled: props.privateDns ?? true,
      policy: props.policy,
      tags: { Name: `${props.service}-endpoint` },
    });
  }

  get endpointId(): string {
    return this.resource.id;
  }
}
