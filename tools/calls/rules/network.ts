/**
 * Network step: is there a route from the source's subnets to the destination's, and back?
 *
 * - Within one VPC, every route table has the local route for the VPC CIDR.
 *   https://docs.aws.amazon.com/vpc/latest/userguide/RouteTables.html#route-table-routes
 * - Between VPCs, the source's route table needs a route for the destination CIDR through a
 *   Transit Gateway, a peering connection or a virtual private gateway, and the destination's
 *   route table one for the way back (traffic is not routed transitively).
 *   https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html
 *   https://docs.aws.amazon.com/vpc/latest/tgw/how-transit-gateways-work.html
 * - From on premises over Site-to-Site VPN: the VPN connection ends at the VPC's virtual private
 *   gateway or at a Transit Gateway attached to the VPC; with static routing its routes must
 *   cover the on-premises CIDR; the VPC's route tables send replies back by route propagation or
 *   a static route to the gateway.
 *   https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html
 *   https://docs.aws.amazon.com/vpn/latest/s2svpn/SetUpVPNConnections.html#vpn-configure-routing
 * - A PrivateLink interface endpoint carries traffic to the service's load balancer without any
 *   route between the two VPCs. https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-saas.html
 */
import type { PlanResource } from '@apigw-private/tools/tfjson';
import { cidrContains } from '@apigw-private/constructs/config/cidr';
import type { StepResult } from '../model';
import type { StackView } from '../stack';
import type { Place } from './endpoints';

const ROUTE_TARGETS = [
  'transit_gateway_id',
  'vpc_peering_connection_id',
  'gateway_id',
  'network_interface_id',
  'vpc_endpoint_id',
] as const;

interface Route {
  readonly address: string;
  readonly destination: string;
  readonly target: readonly PlanResource[];
}

/** The route table of a subnet (its explicit association). */
export function routeTableOf(view: StackView, subnet: PlanResource): PlanResource | undefined {
  const association = view
    .find('aws_route_table_association')
    .find((a) => view.links(a, 'subnet_id', subnet));
  return association ? view.refs(association, 'route_table_id', ['aws_route_table'])[0] : undefined;
}

function routesOf(view: StackView, table: PlanResource): Route[] {
  const routes: Route[] = [];
  for (const route of view.find('aws_route')) {
    if (!view.links(route, 'route_table_id', table)) continue;
    const destination = route.str('destination_cidr_block');
    if (!destination) continue;
    const target = ROUTE_TARGETS.flatMap((t) => view.refs(route, t));
    routes.push({ address: route.address, destination, target });
  }
  table.list('route').forEach((_, i) => {
    const destination = table.str(['route', i, 'cidr_block']);
    if (!destination) return;
    const target = ROUTE_TARGETS.flatMap((t) => view.refs(table, ['route', i, t]));
    routes.push({ address: table.address, destination, target });
  });
  return routes;
}

/** True when the subnet's route table sends `cidr` somewhere (or propagates from a VGW). */
function routeFor(
  view: StackView,
  subnet: PlanResource,
  cidr: string,
): { ok: boolean; address: string; via?: string } {
  const table = routeTableOf(view, subnet);
  if (!table) return { ok: false, address: subnet.address };
  const route = routesOf(view, table).find((r) => cidrContains(r.destination, cidr));
  if (route)
    return {
      ok: true,
      address: route.address,
      via: route.target.map((t) => t.address).join(', ') || 'a gateway',
    };
  const propagation = view
    .find('aws_vpn_gateway_route_propagation')
    .find((p) => view.links(p, 'route_table_id', table));
  if (propagation) return { ok: true, address: propagation.address, via: 'VPN route propagation' };
  return { ok: false, address: table.address };
}

const sameVpc = (a: Place, b: Place) =>
  a.vpc !== undefined && b.vpc !== undefined && a.vpc.address === b.vpc.address;

/** The network step between two places of the stack (or from a network outside it). */
export function networkStep(view: StackView, from: Place, to: Place): StepResult {
  const step = (status: StepResult['status'], address: string, detail: string): StepResult => ({
    step: 'network',
    status,
    address,
    detail,
    from: from.label,
    to: to.label,
  });
  if (sameVpc(from, to))
    return step('pass', to.vpc!.address, `same VPC: the local route of ${to.vpc!.address}`);
  if (from.external) return vpnStep(view, from, to, step);
  if (!to.vpc || !from.vpc)
    return step('unknown', to.address, `cannot tell the VPC of ${from.address} or ${to.address}`);
  for (const subnet of from.subnets) {
    for (const cidr of to.cidrs) {
      const out = routeFor(view, subnet, cidr);
      if (!out.ok)
        return step(
          'fail',
          out.address,
          `no route to ${cidr} (${to.label}) from ${subnet.address}`,
        );
    }
  }
  for (const subnet of to.subnets) {
    for (const cidr of from.cidrs) {
      const back = routeFor(view, subnet, cidr);
      if (!back.ok)
        return step(
          'fail',
          back.address,
          `no return route to ${cidr} (${from.label}) from ${subnet.address}`,
        );
    }
  }
  return step('pass', to.vpc.address, `routed between ${from.vpc.address} and ${to.vpc.address}`);
}

function vpnStep(
  view: StackView,
  from: Place,
  to: Place,
  step: (status: StepResult['status'], address: string, detail: string) => StepResult,
): StepResult {
  const vpc = to.vpc;
  if (!vpc) return step('unknown', to.address, `cannot tell the VPC of ${to.address}`);
  const gateways = view.find('aws_vpn_gateway').filter((g) => view.links(g, 'vpc_id', vpc));
  const tgws = view
    .find('aws_ec2_transit_gateway_vpc_attachment')
    .filter((a) => view.links(a, 'vpc_id', vpc))
    .flatMap((a) => view.refs(a, 'transit_gateway_id'));
  const connections = view
    .find('aws_vpn_connection')
    .filter(
      (c) =>
        gateways.some((g) => view.links(c, 'vpn_gateway_id', g)) ||
        tgws.some((t) => view.links(c, 'transit_gateway_id', t)),
    );
  if (connections.length === 0)
    return step('fail', vpc.address, `no VPN connection reaches ${vpc.address} from ${from.label}`);
  for (const cidr of from.cidrs) {
    const connection = connections.find((c) => {
      if (c.bool('static_routes_only') !== true) return true;
      const routes = [
        ...view
          .find('aws_vpn_connection_route')
          .filter((r) => view.links(r, 'vpn_connection_id', c))
          .map((r) => r.str('destination_cidr_block')),
        ...view
          .find('aws_ec2_transit_gateway_route')
          .filter((r) =>
            view.refs(r, 'transit_gateway_route_table_id').some((t) => tgws.includes(t)),
          )
          .map((r) => r.str('destination_cidr_block')),
      ];
      return routes.some((r) => r !== undefined && cidrContains(r, cidr));
    });
    if (!connection)
      return step('fail', connections[0].address, `no VPN route covers ${cidr} (${from.label})`);
    for (const subnet of to.subnets) {
      const back = routeFor(view, subnet, cidr);
      if (!back.ok)
        return step('fail', back.address, `no return route to ${cidr} from ${subnet.address}`);
    }
  }
  return step('pass', connections[0].address, `over ${connections[0].address} into ${vpc.address}`);
}
