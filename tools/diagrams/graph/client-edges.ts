// Who calls: compute clients, allowed security group paths, authorizers, internet and CIDR clients.
import { TfResource, literal, referencesIn, valuesAt } from '../model';
import { cidrContains, isCidr } from '@apigw-private/constructs/config/cidr';
import { Builder, CLIENT_KINDS, CLIENT_TARGETS, unique } from './builder';
import { GraphNode } from './types';
/** Compute that calls an API: what its settings, its launch template or its IAM role point at. */
export function addClientEdges(g: Builder): void {
  const reach = (start: TfResource, seen: Set<string>, found: GraphNode[]) => {
    const visit = (address: string, depth: number) => {
      if (seen.has(address) || depth > 5) return;
      seen.add(address);
      const drawn = g.node(address);
      if (drawn && address !== start.address) {
        found.push(drawn);
        return;
      }
      const r = g.resource(address);
      if (r) for (const ref of g.refs(r)) visit(ref, depth + 1);
    };
    visit(start.address, 0);
  };
  const policyTypes = [
    'aws_iam_role_policy',
    'aws_iam_role_policy_attachment',
    'aws_iam_policy_attachment',
  ];
  const policies = g.ofType(...policyTypes);
  for (const client of [...g.nodes.values()].filter((n) => CLIENT_KINDS.includes(n.kind))) {
    const r = g.resource(client.address)!;
    const seen = new Set<string>();
    const found: GraphNode[] = [];
    reach(r, seen, found);
    // Permissions attach to the role from outside: follow the policies of the roles it uses.
    for (const policy of policies) {
      const roles = [...g.refs(policy, 'role'), ...g.refs(policy, 'roles')];
      if (roles.some((role) => seen.has(role))) {
        const policySeen = new Set(seen);
        policySeen.delete(policy.address);
        reach(policy, policySeen, found);
      }
    }
    const targets =
      CLIENT_TARGETS.map((kinds) => unique(found.filter((n) => kinds.includes(n.kind)))).find(
        (list) => list.length > 0,
      ) ?? [];
    for (const target of targets) {
      if (target.kind === 'rest-api') {
        // A private API is reached through its endpoint in the client's VPC.
        const api = g.resource(target.address)!;
        const endpoints = g
          .resolveAll(api, 'endpoint_configuration.vpc_endpoint_ids')
          .filter((e) => e.group === client.group);
        if (endpoints.length > 0) {
          for (const endpoint of endpoints) g.edge(client, endpoint, 'request', 'HTTPS');
          continue;
        }
      }
      g.edge(client, target, 'request', 'HTTPS');
    }
  }
}

/** Security group rules between drawn nodes that no request edge already shows. */
export function addAllowedEdges(g: Builder): void {
  const members = new Map<string, GraphNode[]>();
  for (const node of g.nodes.values()) {
    for (const sg of g.securityGroupsOf(node)) members.set(sg, [...(members.get(sg) ?? []), node]);
  }
  const rules: { target: string[]; source: string[]; port?: string }[] = [];
  for (const rule of g.ofType('aws_vpc_security_group_ingress_rule')) {
    rules.push({
      target: g.refs(rule, 'security_group_id'),
      source: g.refs(rule, 'referenced_security_group_id'),
      port: literal(rule.config, 'from_port'),
    });
  }
  for (const rule of g
    .ofType('aws_security_group_rule')
    .filter((r) => literal(r.config, 'type') === 'ingress')) {
    rules.push({
      target: g.refs(rule, 'security_group_id'),
      source: g.refs(rule, 'source_security_group_id'),
      port: literal(rule.config, 'from_port'),
    });
  }
  for (const sg of g.ofType('aws_security_group')) {
    for (const ingress of valuesAt(sg.config, 'ingress')) {
      rules.push({
        target: [sg.address],
        source: referencesIn(
          (ingress as Record<string, unknown>).security_groups,
          g.model.resources,
        ),
        port: literal(ingress, 'from_port'),
      });
    }
  }
  for (const rule of rules) {
    for (const source of rule.source.flatMap((a) => members.get(a) ?? [])) {
      for (const target of rule.target.flatMap((a) => members.get(a) ?? [])) {
        if (source.id !== target.id && !g.hasEdgeBetween(source.id, target.id, 2)) {
          g.edge(source, target, 'allowed', rule.port ? `tcp ${rule.port}` : 'allowed');
        }
      }
    }
  }
}

/** Lambda authorizers the APIs call before the integration. */
export function addAuthorizerEdges(g: Builder): void {
  for (const authorizer of g.ofType('aws_api_gateway_authorizer', 'aws_apigatewayv2_authorizer')) {
    const api = [
      ...g.resolveAll(authorizer, 'rest_api_id'),
      ...g.resolveAll(authorizer, 'api_id'),
    ][0];
    for (const fn of g.resolveAll(authorizer, 'authorizer_uri'))
      g.edge(api, fn, 'request', 'authorizer');
  }
}

/**
 * Public APIs get a caller: clients on the internet. So do custom domains, but only those mapped
 * to a public API (a Regional domain in front of a private API is reached through the VPC).
 */
export function addInternetClients(g: Builder): void {
  const isPublicApi = (n: GraphNode | undefined) => {
    const r = n && g.resource(n.address);
    if (!r) return false;
    if (literal(r.config, 'disable_execute_api_endpoint') === 'true') return false;
    if (n.kind === 'http-api') return true;
    return (
      n.kind === 'rest-api' &&
      !valuesAt(r.config, 'endpoint_configuration.types').includes('PRIVATE')
    );
  };
  const mappedApis = (domain: GraphNode) =>
    g
      .edgeList()
      .filter((e) => e.from === domain.id && e.kind === 'request')
      .map((e) => g.nodes.get(e.to));
  const publicEntries = [...g.nodes.values()].filter((n) => {
    if (n.kind === 'domain') {
      const r = g.resource(n.address)!;
      const types = valuesAt(r.config, 'endpoint_configuration.types');
      return !types.includes('PRIVATE') && mappedApis(n).some(isPublicApi);
    }
    return isPublicApi(n);
  });
  if (publicEntries.length === 0) return;
  const id = 'n_internet_clients';
  g.nodes.set(id, {
    id,
    kind: 'clients',
    label: ['Clients on the internet'],
    group: '',
    address: '#internet',
  });
  for (const entry of publicEntries) g.edge(id, entry, 'request', 'HTTPS');
}

/**
 * Where nothing in the stack calls an execute-api or PrivateLink endpoint, a resolver endpoint or a
 * load balancer, its security group rules say who may: a node per client CIDR, in the VPC that
 * holds it, else on premises (when the stack connects a network there), else outside the stack.
 */
export function addCidrClients(g: Builder): void {
  const vpcs = g
    .ofType('aws_vpc')
    .map((vpc) => ({ group: g.vpcGroup(vpc.address)!, cidr: literal(vpc.config, 'cidr_block') }));
  const onPremises = g.groups.has('g_on_premises');
  const entries = [...g.nodes.values()].filter((n) => {
    if (g.hasIncomingRequest(n.id)) return false;
    if (n.kind === 'resolver-endpoint') return true;
    if (n.kind === 'load-balancer') return true;
    return n.kind === 'endpoint' && /^(execute-api|PrivateLink) endpoint$/.test(n.label[0]);
  });
  for (const entry of entries) {
    const groups = new Set(g.securityGroupsOf(entry));
    const rules: { cidr: string; protocol: string; port: string }[] = [];
    const portOf = (rule: unknown) => {
      const protocol = literal(rule, 'ip_protocol') ?? literal(rule, 'protocol') ?? 'tcp';
      const port = literal(rule, 'from_port');
      return {
        protocol: protocol === '-1' ? 'all' : protocol,
        port: port && port !== '-1' ? port : '',
      };
    };
    for (const rule of g.ofType('aws_vpc_security_group_ingress_rule')) {
      const cidr = literal(rule.config, 'cidr_ipv4');
      if (cidr && g.refs(rule, 'security_group_id').some((a) => groups.has(a)))
        rules.push({ cidr, ...portOf(rule.config) });
    }
    for (const rule of g
      .ofType('aws_security_group_rule')
      .filter((r) => literal(r.config, 'type') === 'ingress')) {
      if (!g.refs(rule, 'security_group_id').some((a) => groups.has(a))) continue;
      for (const cidr of valuesAt(rule.config, 'cidr_blocks'))
        if (typeof cidr === 'string') rules.push({ cidr, ...portOf(rule.config) });
    }
    for (const address of groups) {
      for (const ingress of valuesAt(g.resource(address)!.config, 'ingress')) {
        for (const cidr of valuesAt(ingress, 'cidr_blocks'))
          if (typeof cidr === 'string') rules.push({ cidr, ...portOf(ingress) });
      }
    }
    // One edge per client network, e.g. `tcp/udp 53`.
    const byCidr = new Map<string, Map<string, Set<string>>>();
    for (const { cidr, protocol, port } of rules) {
      if (cidr.includes('${') || !isCidr(cidr) || cidr.endsWith('/0')) continue;
      const ports = byCidr.get(cidr) ?? new Map<string, Set<string>>();
      ports.set(port, (ports.get(port) ?? new Set()).add(protocol));
      byCidr.set(cidr, ports);
    }
    for (const [cidr, ports] of [...byCidr.entries()].sort()) {
      const vpc = vpcs.find((v) => v.cidr && isCidr(v.cidr) && cidrContains(v.cidr, cidr));
      const id = `n_clients_${cidr.replace(/[^0-9]/g, '_')}`;
      if (!g.nodes.has(id)) {
        const where = vpc ? vpc.group : onPremises ? 'g_on_premises' : '';
        const title = vpc
          ? 'Clients in the VPC'
          : onPremises
            ? 'On-premises clients'
            : 'Clients outside the stack';
        g.nodes.set(id, {
          id,
          kind: 'clients',
          label: [title, cidr],
          group: where,
          address: `#cidr-${cidr}`,
        });
      }
      const label = [...ports.entries()]
        .sort()
        .map(([port, protocols]) =>
          [[...protocols].sort().join('/'), port].filter(Boolean).join(' '),
        )
        .join(' ');
      g.edge(id, entry, 'request', label);
    }
  }
}
