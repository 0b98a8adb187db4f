// Edges a request follows: API to VPC link to load balancer to targets, DNS and networks.
import { TfResource, literal, referencesIn, valuesAt } from '../model';
import { Builder, unique } from './builder';
export function addApiEdges(g: Builder): void {
  for (const api of g.ofType('aws_api_gateway_rest_api')) {
    for (const endpoint of g.resolveAll(api, 'endpoint_configuration.vpc_endpoint_ids')) {
      g.edge(endpoint, g.node(api.address), 'request', 'execute-api');
    }
  }
  for (const integration of g.ofType('aws_api_gateway_integration')) {
    const api = g.resolveAll(integration, 'rest_api_id')[0];
    const type = literal(integration.config, 'type') ?? 'integration';
    const link = g.resolveAll(integration, 'connection_id').find((n) => n.kind === 'vpc-link');
    if (link) g.edge(api, link, 'request', type);
    else
      for (const target of g.resolveAll(integration, 'uri')) g.edge(api, target, 'request', type);
  }
  for (const link of g.ofType('aws_api_gateway_vpc_link')) {
    for (const target of g.resolveAll(link, 'target_arns'))
      g.edge(g.node(link.address), target, 'request');
  }
  for (const integration of g.ofType('aws_apigatewayv2_integration')) {
    const api = g.resolveAll(integration, 'api_id')[0];
    const type = literal(integration.config, 'integration_type') ?? 'integration';
    const link = g.resolveAll(integration, 'connection_id').find((n) => n.kind === 'vpc-link');
    const targets = g.resolveAll(integration, 'integration_uri');
    if (link) {
      g.edge(api, link, 'request', type);
      for (const target of targets) g.edge(link, target, 'request');
    } else {
      for (const target of targets) g.edge(api, target, 'request', type);
    }
  }
  for (const mapping of g.ofType(
    'aws_api_gateway_base_path_mapping',
    'aws_apigatewayv2_api_mapping',
  )) {
    const api = g.resolveAll(mapping, 'api_id')[0];
    const path = literal(mapping.config, 'base_path') ?? literal(mapping.config, 'api_mapping_key');
    for (const domain of [
      ...g.resolveAll(mapping, 'domain_name'),
      ...g.resolveAll(mapping, 'domain_name_id'),
    ]) {
      g.edge(domain, api, 'request', path ? `/${path}` : 'base path');
    }
  }
  for (const association of g.ofType('aws_api_gateway_domain_name_access_association')) {
    for (const endpoint of g.resolveAll(association, 'access_association_source')) {
      for (const domain of g.resolveAll(association, 'domain_name_arn'))
        g.edge(endpoint, domain, 'request', 'access association');
    }
  }
  for (const service of g.ofType('aws_vpc_endpoint_service')) {
    for (const lb of g.resolveAll(service, 'network_load_balancer_arns'))
      g.edge(g.node(service.address), lb, 'request', 'PrivateLink');
  }
  for (const endpoint of g.ofType('aws_vpc_endpoint')) {
    for (const service of g.resolveAll(endpoint, 'service_name'))
      g.edge(g.node(endpoint.address), service, 'request', 'PrivateLink');
  }
}

export function addLoadBalancingEdges(g: Builder): void {
  const listenerLabel = (r: TfResource) =>
    [literal(r.config, 'protocol'), literal(r.config, 'port')].filter(Boolean).join(' ');
  const targetGroupsOf = (r: TfResource, prefix: string) =>
    unique([
      ...g.resolveAll(r, `${prefix}.target_group_arn`),
      ...g.resolveAll(r, `${prefix}.forward.target_group.arn`),
    ]).filter((n) => n.kind === 'target-group');
  for (const listener of g.ofType('aws_lb_listener', 'aws_alb_listener')) {
    for (const lb of g.resolveAll(listener, 'load_balancer_arn')) {
      for (const tg of targetGroupsOf(listener, 'default_action'))
        g.edge(lb, tg, 'request', listenerLabel(listener));
    }
  }
  for (const rule of g.ofType('aws_lb_listener_rule', 'aws_alb_listener_rule')) {
    const listener = g
      .refs(rule, 'listener_arn')
      .map((a) => g.resource(a))
      .find(Boolean);
    for (const lb of g.resolveAll(rule, 'listener_arn')) {
      for (const tg of targetGroupsOf(rule, 'action'))
        g.edge(lb, tg, 'request', listener ? `${listenerLabel(listener)} rule` : 'rule');
    }
  }
  const ipTargets = new Map<string, string[]>();
  for (const attachment of g.ofType(
    'aws_lb_target_group_attachment',
    'aws_alb_target_group_attachment',
  )) {
    const port = literal(attachment.config, 'port');
    for (const tg of g.resolveAll(attachment, 'target_group_arn')) {
      const targets = g.resolveAll(attachment, 'target_id');
      if (targets.length > 0) {
        for (const target of targets)
          g.edge(tg, target, 'request', port ? `port ${port}` : undefined);
      } else {
        const list = ipTargets.get(tg.id) ?? [];
        list.push(literal(attachment.config, 'target_id') ?? 'address known at apply');
        ipTargets.set(tg.id, list);
      }
    }
  }
  for (const [tgId, targets] of [...ipTargets.entries()].sort()) {
    const tg = g.nodes.get(tgId)!;
    const id = `${tgId}_targets`;
    const shown = unique(targets).sort();
    g.nodes.set(id, {
      id,
      kind: 'ip-targets',
      label: [
        `${shown.length === 1 ? 'Target' : `${shown.length} targets`}`,
        shown.slice(0, 4).join(', ') + (shown.length > 4 ? ', ...' : ''),
      ],
      group: tg.group,
      address: `${tg.address}#targets`,
    });
    g.edge(tg, id, 'request');
  }
  for (const service of g.ofType('aws_ecs_service')) {
    const node = g.node(service.address);
    for (const balancer of valuesAt(service.config, 'load_balancer')) {
      const refs = referencesIn(
        (balancer as Record<string, unknown>).target_group_arn,
        g.model.resources,
      );
      const port = literal(balancer, 'container_port');
      for (const tg of refs.flatMap((a) => g.resolve(a)))
        g.edge(tg, node, 'request', port ? `port ${port}` : undefined);
    }
    for (const registry of g.resolveAll(service, 'service_registries.registry_arn'))
      g.edge(registry, node, 'request', 'service discovery');
  }
  for (const asg of g.ofType('aws_autoscaling_group')) {
    for (const tg of g.resolveAll(asg, 'target_group_arns'))
      g.edge(tg, g.node(asg.address), 'request');
  }
  for (const attachment of g.ofType('aws_autoscaling_attachment')) {
    for (const tg of g.resolveAll(attachment, 'lb_target_group_arn')) {
      for (const asg of g.resolveAll(attachment, 'autoscaling_group_name'))
        g.edge(tg, asg, 'request');
    }
  }
}

export function addDnsEdges(g: Builder): void {
  for (const record of g.ofType('aws_route53_record')) {
    const node = g.node(record.address);
    for (const target of g.resolveAll(record, 'alias.name')) g.edge(node, target, 'dns', 'alias');
    for (const target of g.resolveAll(record, 'records'))
      g.edge(node, target, 'dns', literal(record.config, 'type'));
  }
  for (const rule of g.ofType('aws_route53_resolver_rule')) {
    for (const endpoint of g.resolveAll(rule, 'resolver_endpoint_id'))
      g.edge(endpoint, g.node(rule.address), 'dns', 'forwards');
  }
}

export function addNetworkEdges(g: Builder): void {
  const vpcOf = (r: TfResource, path: string) =>
    g
      .refs(r, path)
      .map((a) => g.vpcGroup(a))
      .find(Boolean);
  for (const attachment of g.ofType('aws_ec2_transit_gateway_vpc_attachment')) {
    for (const tgw of g.resolveAll(attachment, 'transit_gateway_id'))
      g.edge(vpcOf(attachment, 'vpc_id'), tgw, 'network', 'attachment');
  }
  for (const peering of g.ofType('aws_ec2_transit_gateway_peering_attachment')) {
    const [a] = g.resolveAll(peering, 'transit_gateway_id');
    for (const b of g.resolveAll(peering, 'peer_transit_gateway_id'))
      g.edge(a, b, 'network', 'TGW peering');
  }
  for (const peering of g.ofType('aws_vpc_peering_connection')) {
    g.edge(vpcOf(peering, 'vpc_id'), vpcOf(peering, 'peer_vpc_id'), 'network', 'VPC peering');
  }
  for (const vpn of g.ofType('aws_vpn_connection')) {
    const gateways = [
      ...g.resolveAll(vpn, 'vpn_gateway_id'),
      ...g.resolveAll(vpn, 'transit_gateway_id'),
    ];
    for (const customer of g.resolveAll(vpn, 'customer_gateway_id')) {
      for (const gateway of gateways) g.edge(customer, gateway, 'network', 'site-to-site VPN');
    }
  }
  for (const association of g.ofType('aws_dx_gateway_association')) {
    for (const dx of g.resolveAll(association, 'dx_gateway_id')) {
      for (const gateway of g.resolveAll(association, 'associated_gateway_id'))
        g.edge(dx, gateway, 'network', 'Direct Connect');
    }
  }
}
