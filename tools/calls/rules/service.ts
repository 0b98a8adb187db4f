/**
 * Calls to an AWS service's Regional name (`ssm.us-east-1.amazonaws.com`) from inside a VPC, such
 * as the Session Manager agent calling home. With an interface endpoint for the service and
 * private DNS on, the name resolves to the endpoint in the VPC; without one, the call needs a
 * route to the internet (a NAT gateway or an internet gateway).
 * https://docs.aws.amazon.com/vpc/latest/privatelink/privatelink-access-aws-services.html
 * https://docs.aws.amazon.com/systems-manager/latest/userguide/setup-create-vpc.html
 */
import type { Walk } from '../walk-state';
import { endpointPlace } from './dns';
import type { Place } from './endpoints';
import { hop } from './hop';
import { routeTableOf } from './network';

export function serviceCall(walk: Walk, source: Place, service: string): void {
  const view = walk.view;
  const vpc = source.vpc;
  if (!vpc)
    return walk.unknown('dns', source.address, `${source.label} is not in a VPC of the stack`);
  const region = view.region(view.plan.instances(vpc.baseAddress)[0] ?? vpc);
  const name = `com.amazonaws.${region}.${service}`;
  const endpoint = view
    .find('aws_vpc_endpoint')
    .find(
      (e) =>
        e.str('service_name') === name &&
        view.links(e, 'vpc_id', vpc) &&
        (e.str('vpc_endpoint_type') ?? 'Gateway') === 'Interface' &&
        e.bool('private_dns_enabled') === true,
    );
  if (endpoint) {
    walk.pass(
      'dns',
      endpoint.address,
      `${service}.${region}.amazonaws.com resolves to ${endpoint.address} (private DNS)`,
      'client',
      'DNS',
    );
    hop(walk, source, endpointPlace(view, endpoint, `${service} endpoint`), 443, {
      egress: 'client',
      ingress: 'endpoint-sg',
    });
    walk.answer('aws-service', endpoint);
    return;
  }
  walk.pass(
    'dns',
    vpc.address,
    `no ${name} interface endpoint with private DNS in ${vpc.address}: ${service}.${region}.amazonaws.com resolves to public addresses`,
    'client',
    'DNS',
  );
  for (const subnet of source.subnets) {
    const table = routeTableOf(view, subnet);
    const internet = table
      ? view
          .find('aws_route')
          .some(
            (r) =>
              view.links(r, 'route_table_id', table) &&
              r.str('destination_cidr_block') === '0.0.0.0/0' &&
              (view.refs(r, 'nat_gateway_id').length > 0 ||
                view.refs(r, 'gateway_id', ['aws_internet_gateway']).length > 0),
          )
      : false;
    if (!internet)
      walk.fail(
        'network',
        table?.address ?? subnet.address,
        `no route to the internet from ${subnet.address} and no interface endpoint for ${service} in ${vpc.address}`,
      );
  }
  walk.pass(
    'network',
    vpc.address,
    `${service} reached over the internet route`,
    'client',
    service,
  );
  walk.answer('aws-service', vpc);
}
