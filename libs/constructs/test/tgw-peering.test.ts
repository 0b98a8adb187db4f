import { Ec2TransitGatewayPeeringAttachment } from '@cdktf/provider-aws/lib/ec2-transit-gateway-peering-attachment';
import { Testing } from 'cdktf';
import { AccountScope } from '../src/app/account-scope';
import type { ReferenceStack } from '../src/app/reference-stack';
import { TransitGatewayPeering } from '../src/connectivity/tgw-peering';
import { TransitGateway, TransitGatewayRouting } from '../src/connectivity/transit-gateway';
import { synthObject, testStack, validationErrorOf } from './helpers';

function gateways(routing: TransitGatewayRouting = 'default', westAccount = '111111111111') {
  const stack = testStack();
  const west = new AccountScope(stack, 'west', {
    alias: 'west',
    target: { accountId: westAccount, region: 'us-west-2' },
  });
  const east = new TransitGateway(stack, 'tgw-east', { name: 'east', routing });
  const westTgw = new TransitGateway(west, 'tgw-west', {
    name: 'west',
    routing,
    amazonSideAsn: 64513,
  });
  return { stack, east, west: westTgw };
}

function peer(routing: TransitGatewayRouting = 'default', westAccount?: string): ReferenceStack {
  const { stack, east, west } = gateways(routing, westAccount);
  new TransitGatewayPeering(stack, 'peering', {
    requester: { transitGateway: east, cidrs: ['10.30.0.0/16'] },
    accepter: { transitGateway: west, cidrs: ['10.31.0.0/16'] },
  });
  return stack;
}

type Resources = Record<string, Record<string, unknown>>;

describe('TransitGatewayPeering', () => {
  test('requests from the requester Region, accepts explicitly in the peer Region, and routes each side to the other', () => {
    const out = synthObject(peer());
    const attachment = Object.values(
      out.resource.aws_ec2_transit_gateway_peering_attachment as Resources,
    )[0];
    expect(attachment).toEqual(
      expect.objectContaining({
        peer_region: 'us-west-2',
        transit_gateway_id: expect.stringMatching(
          /^\$\{aws_ec2_transit_gateway\.tgw-east_resource_\w+\.id\}$/,
        ),
        peer_transit_gateway_id: expect.stringMatching(
          /^\$\{aws_ec2_transit_gateway\.west_tgw-west_resource_\w+\.id\}$/,
        ),
      }),
    );
    expect(attachment.peer_account_id).toBeUndefined();
    expect(attachment.provider).toBe('aws');
    const accepter = Object.values(
      out.resource.aws_ec2_transit_gateway_peering_attachment_accepter as Resources,
    )[0];
    expect(accepter.provider).toBe('aws.west');
    const routes = Object.values(out.resource.aws_ec2_transit_gateway_route as Resources);
    expect(routes.map((r) => [r.provider, r.destination_cidr_block]).sort()).toEqual([
      ['aws', '10.31.0.0/16'],
      ['aws.west', '10.30.0.0/16'],
    ]);
    for (const route of routes) {
      expect(route.transit_gateway_route_table_id).toMatch(/association_default_route_table_id/);
    }
    expect(out.resource.aws_ec2_transit_gateway_route_table_association).toBeUndefined();
  });

  test('names the peer account when the accepter is in another account', () => {
    expect(Testing.synth(peer('default', '222222222222'))).toHaveResourceWithProperties(
      Ec2TransitGatewayPeeringAttachment,
      {
        peer_account_id: '222222222222',
      },
    );
  });

  test('with dedicated routing, associates the peering with each dedicated route table and routes there', () => {
    const out = synthObject(peer('dedicated'));
    const associations = Object.values(
      out.resource.aws_ec2_transit_gateway_route_table_association as Resources,
    );
    expect(associations.map((a) => a.provider).sort()).toEqual(['aws', 'aws.west']);
    for (const route of Object.values(out.resource.aws_ec2_transit_gateway_route as Resources)) {
      expect(route.transit_gateway_route_table_id).toMatch(/aws_ec2_transit_gateway_route_table\./);
    }
  });

  test('fails when both sides are the same Transit Gateway', () => {
    const { stack, east } = gateways();
    const error = validationErrorOf(
      () =>
        new TransitGatewayPeering(stack, 'peering', {
          requester: { transitGateway: east, cidrs: ['10.30.0.0/16'] },
          accepter: { transitGateway: east, cidrs: ['10.31.0.0/16'] },
        }),
    );
    expect(error.codes).toEqual(['SameTransitGateway']);
    expect(error.message).toMatch(
      /SameTransitGateway: props\.accepter\.transitGateway .*"test\/tgw-east"/,
    );
  });

  test('fails when the two sides route overlapping CIDRs', () => {
    const { stack, east, west } = gateways();
    const error = validationErrorOf(
      () =>
        new TransitGatewayPeering(stack, 'peering', {
          requester: { transitGateway: east, cidrs: ['10.30.0.0/16'] },
          accepter: { transitGateway: west, cidrs: ['10.30.128.0/17'] },
        }),
    );
    expect(error.codes).toEqual(['OverlappingCidrs']);
    expect(error.message).toMatch(
      /OverlappingCidrs: props\.accepter\.cidrs\[0\] must not overlap the requester's 10\.30\.0\.0\/16.*"10\.30\.128\.0\/17"/,
    );
  });

  test('fails when a side lists no CIDR or a bad one', () => {
    const { stack, east, west } = gateways();
    const error = validationErrorOf(
      () =>
        new TransitGatewayPeering(stack, 'peering', {
          requester: { transitGateway: east, cidrs: [] },
          accepter: { transitGateway: west, cidrs: ['10.31.0.1/16'] },
        }),
    );
    expect(error.codes).toEqual(['NoCidrs', 'InvalidCidr']);
    expect(error.message).toMatch(/InvalidCidr: props\.accepter\.cidrs\[0\] .*"10\.31\.0\.1\/16"/);
  });
});
