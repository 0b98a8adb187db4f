import type { PlanRule, Violation } from '../engine/rule';
import type { PlanResource } from '../engine/plan';

/** A subnet whose route table sends traffic to an internet gateway is a public subnet:
 * https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html */
function isInternetGateway(value: string | undefined): boolean {
  return value !== undefined && value.startsWith('igw-');
}

export const netNoIgwRoute: PlanRule = {
  scope: 'plan',
  id: 'NET-002',
  description: 'No route sends traffic to an internet gateway (the architectures are private).',
  reason:
    'A route to an internet gateway makes subnets public: with a public address, hosts become reachable from and can send data to the internet, outside the endpoints and policies that guard the private path.',
  level: 'error',
  anchors: ['AWS docs: subnets with a route to an internet gateway are public subnets'],
  resourceTypes: [
    'aws_route',
    'aws_route_table',
    'aws_default_route_table',
    'aws_internet_gateway',
  ],
  check(plan) {
    const out: Violation[] = [];
    const toIgw = (holder: PlanResource, path: string): boolean =>
      holder.references(path).some((r) => /(^|\.)aws_internet_gateway\.[^.]+$/.test(r.address)) ||
      isInternetGateway(holder.str(path));
    for (const route of plan.ofType('aws_route')) {
      if (!toIgw(route, 'gateway_id')) continue;
      out.push({
        address: route.address,
        message: `Route ${route.address} (${route.str('destination_cidr_block') ?? route.str('destination_ipv6_cidr_block') ?? 'destination unknown'}) goes to an internet gateway.`,
        fix: 'Remove the route (and the internet gateway); reach AWS services through VPC endpoints and other networks through Transit Gateway, peering or VPN.',
      });
    }
    for (const table of plan.ofType('aws_route_table', 'aws_default_route_table')) {
      table.list('route').forEach((_, i) => {
        if (!toIgw(table, `route.${i}.gateway_id`)) return;
        out.push({
          address: table.address,
          message: `Route table ${table.address} has a route (${table.str(`route.${i}.cidr_block`) ?? '?'}) to an internet gateway.`,
          fix: 'Remove the route to the internet gateway.',
        });
      });
    }
    return out;
  },
};
