import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { Problems } from '../errors';
import type { Network } from '../network/network';
import { SecurityGroup } from '../network/security-group';
import { EndpointAddresses } from './endpoint-addresses';
import type { EndpointService } from './endpoint-service';

export interface ServiceEndpointProps {
  readonly network: Network;
  /** The endpoint service to connect to (usually in another account of the same Region). */
  readonly service: EndpointService;
  /** Port the service listens on; the security group opens only this port. */
  readonly port: number;
  /** Networks allowed to reach the endpoint on `port`, e.g. the VPC of a load balancer in front. */
  readonly clientCidrs: readonly string[];
  /** Short name for tags and the security group. */
  readonly name: string;
}

/**
 * The consumer side of AWS PrivateLink: an interface endpoint to an endpoint service in every
 * private subnet, a security group admitting only the service port from named networks, the
 * owner's explicit acceptance of the connection, and the endpoint's private addresses (deferred
 * data sources) for a load balancer to target.
 */
export class ServiceEndpoint extends Construct {
  readonly resource: VpcEndpoint;
  readonly securityGroup: SecurityGroup;
  /** One private address per subnet; known after apply. */
  readonly addresses: string[];

  constructor(scope: Construct, id: string, props: ServiceEndpointProps) {
    super(scope, id);
    const consumer = targetOf(this);
    const owner = targetOf(props.service);
    new Problems(`ServiceEndpoint ${this.node.path}`)
      .checkPort('props.port', props.port)
      .check(
        consumer.region === owner.region,
        'RegionMismatch',
        'props.service',
        owner.region,
        `must be an endpoint service in the endpoint's Region ${consumer.region}`,
      )
      .throwIfAny();
    this.securityGroup = new SecurityGroup(this, 'sg', {
      vpcId: props.network.vpc.id,
      name: `${props.name}-endpoint`,
      description: `PrivateLink endpoint ${props.name}: port ${props.port} from named networks only`,
      ingress: {
        service: {
          description: `Service port ${props.port} from client networks`,
          protocol: 'tcp',
          ports: props.port,
          cidrs: props.clientCidrs,
        },
      },
    });
    this.resource = new VpcEndpoint(this, 'resource', {
      vpcId: props.network.vpc.id,
      serviceName: props.service.serviceName,
      vpcEndpointType: 'Interface',
      subnetIds: props.network.subnetIds,
      securityGroupIds: [this.securityGroup.id],
      privateDnsEnabled: false,
      tags: { Name: props.name },
    });
    const accepter = props.service.accept(props.name, this);
    // Addresses only of the accepted endpoint: its interfaces exist once the owner accepts.
    this.addresses = new EndpointAddresses(this, 'addresses', {
      endpoint: this.resource,
      count: props.network.subnetIds.length,
      readAfter: [accepter],
    }).addresses;
  }

  get endpointId(): string {
    return this.resource.id;
  }
}
