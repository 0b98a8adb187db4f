import { Route } from '@cdktf/provider-aws/lib/route';
import { VpcPeeringConnection } from '@cdktf/provider-aws/lib/vpc-peering-connection';
import { VpcPeeringConnectionAccepterA } from '@cdktf/provider-aws/lib/vpc-peering-connection-accepter';
import { VpcPeeringConnectionOptions } from '@cdktf/provider-aws/lib/vpc-peering-connection-options';
import type { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { targetOf } from '../app/account-scope';
import { cidrsOverlap } from '../config/cidr';
import { Problems } from '../errors';
import type { Network } from '../network/network';
import { providerOf } from './provider-of';

export interface VpcPeeringProps {
  /** The network that asks for the peering (its account creates the connection). */
  readonly requester: Network;
  /**
   * The network that accepts. Its account and Region come from its scope (an AccountScope for
   * another account or Region): another account sets peer_owner_id, another Region peer_region.
   */
  readonly accepter: Network;
  /**
   * Let each VPC resolve the other's private DNS hostnames to private addresses.
   * @default true
   */
  readonly allowRemoteVpcDnsResolution?: boolean;
}

function idFor(cidr: string): string {
  return cidr.replace(/[./]/g, '_');
}

/**
 * A VPC peering connection between two networks, in one account or across accounts and Regions:
 * the requester side creates the connection, the accepter side accepts it explicitly in its own
 * account, each side sets its DNS resolution option, and each side's route tables route the other
 * VPC's CIDR over the connection. Overlapping CIDRs are refused, as VPC peering cannot route them.
 */
export class VpcPeering extends Construct {
  readonly connection: VpcPeeringConnection;
  /** The accepter side's explicit acceptance (absent when both sides share account and Region). */
  readonly accepter?: VpcPeeringConnectionAccepterA;
  /** Routes keyed `requester:<az>` and `accepter:<az>`. */
  readonly routes: Record<string, Route> = {};

  constructor(scope: Construct, id: string, props: VpcPeeringProps) {
    super(scope, id);
    const { requester, accepter } = props;
    new Problems(`VpcPeering ${this.node.path}`)
      .check(
        !cidrsOverlap(requester.cidr, accepter.cidr),
        'OverlappingCidrs',
        'props.accepter.cidr',
        accepter.cidr,
        `must not overlap the requester's CIDR ${requester.cidr}; VPC peering cannot route overlapping ranges`,
      )
      .check(
        requester !== accepter,
        'SameNetwork',
        'props.accepter',
        accepter.name,
        'must be a different network from the requester',
      )
      .throwIfAny();

    const requesterTarget = targetOf(requester);
    const accepterTarget = targetOf(accepter);
    const requesterProvider = providerOf(requester);
    const accepterProvider = providerOf(accepter);
    const sameAccount = requesterTarget.accountId === accepterTarget.accountId;
    const sameRegion = requesterTarget.region === accepterTarget.region;
    const dns = props.allowRemoteVpcDnsResolution ?? true;
    const name = `${requester.name}-to-${accepter.name}`;

    this.connection = new VpcPeeringConnection(this, 'connection', {
      provider: requesterProvider,
      vpcId: requester.vpc.id,
      peerVpcId: accepter.vpc.id,
      peerOwnerId: sameAccount ? undefined : accepterTarget.accountId,
      peerRegion: sameRegion ? undefined : accepterTarget.region,
      // Only a same-account, same-Region request can accept itself.
      autoAccept: sameAccount && sameRegion ? true : undefined,
      tags: { Name: name, Side: 'requester' },
    });
    let established: ITerraformDependable = this.connection;
    if (!(sameAccount && sameRegion)) {
      this.accepter = new VpcPeeringConnectionAccepterA(this, 'accepter', {
        provider: accepterProvider,
        vpcPeeringConnectionId: this.connection.id,
        autoAccept: true,
        tags: { Name: name, Side: 'accepter' },
      });
      established = this.accepter;
    }

    // Each side sets its own option with its own credentials once the connection is active.
    if (sameAccount && sameRegion) {
      new VpcPeeringConnectionOptions(this, 'options', {
        provider: requesterProvider,
        vpcPeeringConnectionId: this.connection.id,
        requester: { allowRemoteVpcDnsResolution: dns },
        accepter: { allowRemoteVpcDnsResolution: dns },
        dependsOn: [established],
      });
    } else {
      new VpcPeeringConnectionOptions(this, 'requester-options', {
        provider: requesterProvider,
        vpcPeeringConnectionId: this.connection.id,
        requester: { allowRemoteVpcDnsResolution: dns },
        dependsOn: [established],
      });
      new VpcPeeringConnectionOptions(this, 'accepter-options', {
        provider: accepterProvider,
        vpcPeeringConnectionId: this.connection.id,
        accepter: { allowRemoteVpcDnsResolution: dns },
        dependsOn: [established],
      });
    }

    const sides: Array<['requester' | 'accepter', Network, string]> = [
      ['requester', requester, accepter.cidr],
      ['accepter', accepter, requester.cidr],
    ];
    for (const [side, network, destination] of sides) {
      const provider = side === 'requester' ? requesterProvider : accepterProvider;
      for (const [az, routeTable] of Object.entries(network.routeTables)) {
        this.routes[`${side}:${az}`] = new Route(
          this,
          `route-${side}-${az}-${idFor(destination)}`,
          {
            provider,
            routeTableId: routeTable.id,
            destinationCidrBlock: destination,
            vpcPeeringConnectionId: this.connection.id,
            dependsOn: [established],
          },
        );
      }
    }
  }

  get id(): string {
    return this.connection.id;
  }
}
