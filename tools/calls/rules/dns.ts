/**
 * DNS step: which resource a name leads to.
 * - Private DNS on an execute-api endpoint makes `{api-id}.execute-api.{region}.amazonaws.com`
 *   resolve to the endpoint, inside the endpoint's VPC only.
 * - The endpoint's own DNS hostname is public DNS; the API is named by `x-apigw-api-id` or Host.
 * - The Route 53 alias `{api-id}-{vpce-id}.execute-api...` exists only for endpoints associated
 *   with the API (endpoint_configuration.vpc_endpoint_ids).
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html
 * - A private hosted zone answers only in the VPCs associated with it; on-premises resolvers reach
 *   it by forwarding to a Route 53 Resolver inbound endpoint (port 53 open to them).
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/hosted-zones-private.html
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-forwarding-inbound-queries.html
 * - Failover records answer with the primary while it is healthy; weighted records share answers.
 *   https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html
 */
import type { CallDeclaration } from '@apigw-private/constructs/calls/declaration';
import type { PlanResource } from '@apigw-private/tools/tfjson';
import type { StackView } from '../stack';
import type { Walk } from '../walk-state';
import { Place, placeOf } from './endpoints';
import { networkStep } from './network';
import { securityGroupStep } from './security-groups';

export type Entry =
  | {
      readonly kind: 'endpoint';
      readonly endpoint: PlanResource;
      /** The API named by the DNS option (REST), when the name itself selects it. */
      readonly api?: PlanResource;
      readonly domain?: PlanResource;
    }
  | { readonly kind: 'load-balancer'; readonly lb: PlanResource; readonly domain?: PlanResource }
  | { readonly kind: 'public'; readonly api: PlanResource };

const EXECUTE_API = /\.execute-api$/;

export function isExecuteApiEndpoint(endpoint: PlanResource): boolean {
  return EXECUTE_API.test(endpoint.str('service_name') ?? '');
}

export function endpointPlace(
  view: StackView,
  endpoint: PlanResource,
  label = 'execute-api endpoint',
): Place {
  return placeOf(view, label, endpoint, ['subnet_ids'], ['security_group_ids']);
}

/** The API a call names: by construct path, or the only one of the kind the DNS option needs. */
export function apiOf(walk: Walk, call: CallDeclaration, types: readonly string[]): PlanResource {
  const view = walk.view;
  const apis = view.find(types, call.api);
  const at = call.api ?? view.stack;
  const own = apis.filter((a) => a.constructPath?.endsWith('/resource') ?? true);
  return walk.one(
    'dns',
    own.length > 0 ? own : apis,
    `API (${types.join(' or ')})${call.api ? ` at ${call.api}` : ''}`,
    at,
  );
}

function executeApiEndpoints(view: StackView, fragment?: string): readonly PlanResource[] {
  return view.find('aws_vpc_endpoint', fragment).filter(isExecuteApiEndpoint);
}

/** A private name answers in `vpc` only; an outside network needs an inbound resolver there. */
function resolvesIn(
  walk: Walk,
  source: Place,
  vpcs: readonly PlanResource[],
  what: string,
  at: string,
): void {
  const view = walk.view;
  if (!source.external) {
    if (!source.vpc || !vpcs.includes(source.vpc))
      walk.fail(
        'dns',
        at,
        `${what} answers only in ${vpcs.map((v) => v.address).join(', ') || 'no VPC'}, not in ${source.vpc?.address ?? source.label}`,
      );
    return;
  }
  const resolvers = view
    .find('aws_route53_resolver_endpoint')
    .filter((r) => r.str('direction') === 'INBOUND')
    .map((r) => ({
      r,
      place: placeOf(
        view,
        'inbound resolver',
        r,
        r.list('ip_address').map((_, i) => `ip_address.${i}.subnet_id`),
        ['security_group_ids'],
      ),
    }))
    .filter(({ place }) => place.vpc && vpcs.includes(place.vpc));
  if (resolvers.length === 0)
    walk.fail(
      'dns',
      at,
      `${what} is private to ${vpcs.map((v) => v.address).join(', ')} and no inbound resolver endpoint there takes queries from ${source.label}`,
    );
  const { r, place } = resolvers[0];
  const network = networkStep(view, source, place);
  if (network.status !== 'pass')
    walk.record({
      ...network,
      step: 'dns',
      detail: `DNS queries to ${r.address}: ${network.detail}`,
    });
  const ingress = securityGroupStep(view, 'dns', 'ingress', source, place, 53);
  if (ingress.status !== 'pass') walk.record(ingress);
  walk.pass(
    'dns',
    r.address,
    `${source.label} forwards queries to the inbound resolver ${r.address}`,
    'client',
    'DNS',
  );
}

export function dnsStep(walk: Walk, call: CallDeclaration, source: Place): Entry {
  const view = walk.view;
  const dns = call.dns;
  if (dns.kind === 'public') {
    const api = apiOf(walk, call, ['aws_api_gateway_rest_api', 'aws_apigatewayv2_api']);
    const types = api.strings('endpoint_configuration.0.types');
    if (types.includes('PRIVATE'))
      walk.fail('dns', api.address, `${api.address} is a private API: it has no public invoke URL`);
    walk.pass('dns', api.address, `the public invoke URL of ${api.address}`, 'client', 'DNS');
    return { kind: 'public', api };
  }
  if (dns.kind === 'custom-domain') return customDomain(walk, source, dns.name);
  if (dns.kind === 'aws-service')
    return walk.unknown('dns', view.stack, 'an AWS service name leads to no API (use serviceCall)');
  const api = apiOf(walk, call, ['aws_api_gateway_rest_api']);
  if (dns.kind === 'private-dns') {
    const candidates = executeApiEndpoints(view, call.endpoint).filter(
      (e) => e.bool('private_dns_enabled') === true,
    );
    const vpcs = candidates.flatMap((e) => view.refs(e, 'vpc_id', ['aws_vpc']));
    const at = source.vpc?.address ?? api.address;
    if (candidates.length === 0)
      walk.fail(
        'dns',
        executeApiEndpoints(view, call.endpoint)[0]?.address ?? at,
        `no execute-api endpoint has private DNS enabled, so ${api.address}'s name resolves to public addresses only`,
      );
    resolvesIn(
      walk,
      source,
      vpcs,
      'private DNS of the execute-api endpoint',
      candidates[0].address,
    );
    const endpoint = source.vpc
      ? (candidates.find((e) => view.links(e, 'vpc_id', source.vpc!)) ?? candidates[0])
      : candidates[0];
    walk.pass(
      'dns',
      endpoint.address,
      `private DNS: the API's execute-api name resolves to ${endpoint.address}`,
      'client',
      'DNS',
    );
    return { kind: 'endpoint', endpoint, api };
  }
  const all = executeApiEndpoints(view, call.endpoint);
  const inVpc = source.vpc ? all.filter((e) => view.links(e, 'vpc_id', source.vpc!)) : [];
  const endpoint = walk.one(
    'dns',
    inVpc.length > 0 ? inVpc : all,
    'execute-api endpoint',
    call.endpoint ?? view.stack,
  );
  if (dns.kind === 'alias') {
    if (!view.links(api, 'endpoint_configuration.0.vpc_endpoint_ids', endpoint))
      walk.fail(
        'dns',
        api.address,
        `${endpoint.address} is not associated with ${api.address} (endpoint_configuration.vpc_endpoint_ids), so the alias {api-id}-{vpce-id} does not exist`,
      );
    walk.pass(
      'dns',
      endpoint.address,
      `Route 53 alias {api-id}-{vpce-id} of ${api.address} resolves to ${endpoint.address}`,
      'client',
      'DNS',
    );
  } else {
    walk.pass(
      'dns',
      endpoint.address,
      `the public DNS hostname of ${endpoint.address}, API named by ${dns.header}`,
      'client',
      'DNS',
    );
  }
  return { kind: 'endpoint', endpoint, api };
}

function recordName(view: StackView, record: PlanResource): string | undefined {
  const name = record.str('name')?.replace(/\.$/, '').toLowerCase();
  const zone = view.refs(record, 'zone_id', ['aws_route53_zone'])[0];
  const zoneName = zone?.str('name')?.replace(/\.$/, '').toLowerCase();
  if (name && zoneName && !name.endsWith(zoneName)) return `${name}.${zoneName}`;
  return name;
}

function customDomain(walk: Walk, source: Place, name: string): Entry {
  const view = walk.view;
  const wanted = name.toLowerCase();
  const records = view.find('aws_route53_record').filter((r) => recordName(view, r) === wanted);
  if (records.length === 0) walk.fail('dns', view.stack, `no Route 53 record names ${name}`);
  const zone = walk.one(
    'dns',
    [...new Set(records.flatMap((r) => view.refs(r, 'zone_id', ['aws_route53_zone'])))],
    `hosted zone of ${name}`,
    records[0].address,
  );
  const vpcs = [
    ...zone.list('vpc').flatMap((_, i) => view.refs(zone, ['vpc', i, 'vpc_id'], ['aws_vpc'])),
    ...view
      .find('aws_route53_zone_association')
      .filter((a) => view.links(a, 'zone_id', zone))
      .flatMap((a) => view.refs(a, 'vpc_id', ['aws_vpc'])),
  ];
  if (vpcs.length > 0)
    resolvesIn(walk, source, vpcs, `private hosted zone ${zone.address}`, zone.address);
  const primary =
    records.find((r) => r.str('failover_routing_policy.0.type') === 'PRIMARY') ??
    [...records].sort(
      (a, b) =>
        (b.num('weighted_routing_policy.0.weight') ?? 0) -
        (a.num('weighted_routing_policy.0.weight') ?? 0),
    )[0];
  const policy =
    records.length > 1 ? ` (${records.length} records; the walk follows ${primary.address})` : '';
  const targets = view.refs(primary, 'alias.0.name', ['aws_vpc_endpoint', 'aws_lb']);
  const target = walk.one('dns', targets, `alias target of ${primary.address}`, primary.address);
  const domains = view
    .find('aws_api_gateway_domain_name')
    .filter((d) => d.str('domain_name')?.toLowerCase() === wanted);
  const domain = walk.one(
    'dns',
    domains.length > 1 ? domains.filter((d) => d.providerKey === target.providerKey) : domains,
    `API Gateway custom domain name ${name}`,
    primary.address,
  );
  walk.pass(
    'dns',
    primary.address,
    `${name} resolves through ${primary.address} to ${target.address}${policy}`,
    'client',
    'DNS',
  );
  if (target.type === 'aws_lb') return { kind: 'load-balancer', lb: target, domain };
  return { kind: 'endpoint', endpoint: target, domain };
}
