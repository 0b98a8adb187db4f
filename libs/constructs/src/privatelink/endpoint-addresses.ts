import { DataAwsNetworkInterface } from '@cdktf/provider-aws/lib/data-aws-network-interface';
import { DataAwsVpcEndpoint } from '@cdktf/provider-aws/lib/data-aws-vpc-endpoint';
import type { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn, ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { providerOf } from '../connectivity/provider-of';
import { Problems } from '../errors';

export interface EndpointAddressesProps {
  /** An interface VPC endpoint (execute-api, or a consumer of an endpoint service). */
  readonly endpoint: VpcEndpoint;
  /**
   * How many network interfaces the endpoint has: one per subnet it was given. It must be known
   * at synth, because Terraform cannot plan a count (or for_each) over values known only after
   * apply.
   */
  readonly count: number;
  /**
   * What must be done before the endpoint's interfaces are read, e.g. the service owner's
   * acceptance of the connection (aws_vpc_endpoint_connection_accepter). The endpoint is then read
   * again through an `aws_vpc_endpoint` data source that depends on these, instead of taking the
   * interface IDs recorded when the endpoint was created.
   * @default - the interface IDs recorded on the endpoint resource at create time; enough for an
   * endpoint that needs no acceptance (an AWS service such as execute-api)
   */
  readonly readAfter?: readonly ITerraformDependable[];
}

/**
 * The private IPv4 addresses of an interface endpoint, one per subnet, read through
 * `aws_network_interface` data sources on the endpoint's `network_interface_ids`. The interface
 * IDs exist only after apply, so the data sources are deferred at plan time and the plan still
 * runs offline. The data sources use the provider of the endpoint's account, so the addresses
 * can feed a load balancer in another account. For an endpoint that waits for acceptance, pass
 * the accepter in `readAfter`.
 */
export class EndpointAddresses extends Construct {
  /** One address per subnet, in the order of the sorted interface IDs. */
  readonly addresses: string[];

  constructor(scope: Construct, id: string, props: EndpointAddressesProps) {
    super(scope, id);
    new Problems(`EndpointAddresses ${this.node.path}`)
      .check(
        Number.isInteger(props.count) && props.count >= 1 && props.count <= 16,
        'InvalidCount',
        'props.count',
        props.count,
        'must be the number of subnets of the endpoint, a whole number of 1-16',
      )
      .throwIfAny();
    const provider = providerOf(props.endpoint);
    // A connection to an endpoint service that requires acceptance stays pendingAcceptance until
    // the owner accepts it
    // (https://docs.aws.amazon.com/vpc/latest/privatelink/configure-endpoint-service.html, "Accept
    // or reject connection requests"); what the endpoint resource recorded at create time may be
    // that pending state. Reading the endpoint again once the accepter is done sees its network
    // interfaces as the accepted connection has them.
    const interfaceIds = Fn.sort(
      props.readAfter && props.readAfter.length > 0
        ? new DataAwsVpcEndpoint(this, 'accepted', {
            provider,
            id: props.endpoint.id,
            dependsOn: [...props.readAfter],
          }).networkInterfaceIds
        : props.endpoint.networkInterfaceIds,
    );
    this.addresses = Array.from({ length: props.count }, (_, index) => {
      const eni = new DataAwsNetworkInterface(this, `eni-${index}`, {
        provider,
        id: Fn.element(interfaceIds, index),
      });
      return eni.privateIp;
    });
  }
}
