import { VpcEndpointConnectionAccepter } from '@cdktf/provider-aws/lib/vpc-endpoint-connection-accepter';
import { VpcEndpointService } from '@cdktf/provider-aws/lib/vpc-endpoint-service';
import { Construct } from 'constructs';
import { providerOf } from '../connectivity/provider-of';
import { Problems } from '../errors';

/** A Network Load Balancer as an endpoint service sees it. */
export interface INetworkLoadBalancerRef {
  readonly arn: string;
}

/** A consumer's interface endpoint, as the service owner accepts it. */
export interface IEndpointConnection {
  readonly endpointId: string;
}

export interface EndpointServiceProps {
  /** Network Load Balancers that serve the connections. */
  readonly loadBalancers: readonly INetworkLoadBalancerRef[];
  /** Accounts allowed to create endpoints to the service (12-digit IDs), e.g. the central API account. */
  readonly allowedAccounts: readonly string[];
  /**
   * Whether each new connection waits for the owner's acceptance. Keep it on: together with
   * `accept`, the owner's plan shows every consumer that connects.
   * @default true
   */
  readonly acceptanceRequired?: boolean;
  /** Short name for the Name tag. */
  readonly name: string;
}

/**
 * A VPC endpoint service (AWS PrivateLink) in front of Network Load Balancers: only the named
 * accounts may connect, and each connection must be accepted, here explicitly through `accept`.
 */
export class EndpointService extends Construct {
  readonly resource: VpcEndpointService;
  readonly acceptanceRequired: boolean;
  private readonly accepted = new Set<string>();

  constructor(scope: Construct, id: string, props: EndpointServiceProps) {
    super(scope, id);
    const problems = new Problems(`EndpointService ${this.node.path}`);
    problems.check(
      props.loadBalancers.length > 0,
      'NoLoadBalancers',
      'props.loadBalancers',
      [],
      'must list at least one Network Load Balancer',
    );
    problems.check(
      props.allowedAccounts.length > 0,
      'NoAllowedAccounts',
      'props.allowedAccounts',
      [],
      'must list at least one consumer account',
    );
    problems.checkEach(
      props.allowedAccounts,
      (account) => /^\d{12}$/.test(account),
      'InvalidAccountId',
      'props.allowedAccounts',
      'must be a 12-digit AWS account ID',
    );
    problems.throwIfAny();
    this.acceptanceRequired = props.acceptanceRequired ?? true;
    this.resource = new VpcEndpointService(this, 'resource', {
      acceptanceRequired: this.acceptanceRequired,
      networkLoadBalancerArns: props.loadBalancers.map((lb) => lb.arn),
      allowedPrincipals: props.allowedAccounts.map((account) => `arn:aws:iam::${account}:root`),
      supportedIpAddressTypes: ['ipv4'],
      tags: { Name: props.name },
    });
  }

  get serviceId(): string {
    return this.resource.id;
  }

  get serviceName(): string {
    return this.resource.serviceName;
  }

  /**
   * Accepts a consumer's endpoint connection in the service owner's account
   * (aws_vpc_endpoint_connection_accepter), under the stable key given.
   */
  accept(key: string, connection: IEndpointConnection): VpcEndpointConnectionAccepter {
    new Problems(`EndpointService ${this.node.path}`)
      .check(
        !this.accepted.has(key),
        'DuplicateConnection',
        `accept(${key})`,
        key,
        'must be a key not used by another connection',
      )
      .throwIfAny();
    this.accepted.add(key);
    return new VpcEndpointConnectionAccepter(this, `accept-${key}`, {
      provider: providerOf(this),
      vpcEndpointServiceId: this.resource.id,
      vpcEndpointId: connection.endpointId,
    });
  }
}
