/**
 * Method matching. REST APIs: a literal path part wins over a `{param}`, which wins over a greedy
 * `{proxy+}`; a greedy variable matches one or more segments and never its parent resource; `ANY`
 * answers every method a resource has no explicit method for.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-method-settings-method-request.html#api-gateway-proxy-resource
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html#api-gateway-proxy-resource
 * A request that matches no method gets 403 "Missing Authentication Token".
 * https://repost.aws/knowledge-center/api-gateway-authentication-token-errors
 * HTTP APIs: the most specific route wins (exact, then greedy), `$default` catches the rest.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation
 */
import type { PlanResource } from '@apigw-private/tools/tfjson';
import type { StackView } from '../stack';
import type { Walk } from '../walk-state';

interface Node {
  readonly part: string;
  readonly resource?: PlanResource;
  readonly path: string;
  readonly children: Node[];
}

export function segmentsOf(path: string): string[] {
  return path
    .split('?')[0]
    .split('/')
    .filter((s) => s.length > 0);
}

function tree(view: StackView, api: PlanResource): Node {
  const resources = view
    .find('aws_api_gateway_resource')
    .filter((r) => view.links(r, 'rest_api_id', api));
  const build = (parent: Node, isChild: (r: PlanResource) => boolean) => {
    for (const r of resources.filter(isChild)) {
      const part = r.str('path_part') ?? '';
      const node: Node = {
        part,
        resource: r,
        path: `${parent.path.replace(/\/$/, '')}/${part}`,
        children: [],
      };
      parent.children.push(node);
      build(node, (c) => view.refs(c, 'parent_id').includes(r));
    }
  };
  const root: Node = { part: '', path: '/', children: [] };
  build(root, (r) =>
    view.references(r, 'parent_id').some((ref) => ref.address === api.baseAddress),
  );
  return root;
}

function match(node: Node, segments: readonly string[]): Node | undefined {
  if (segments.length === 0) return node;
  const [head, ...rest] = segments;
  const literal = node.children.find((c) => c.part === head);
  const viaLiteral = literal && match(literal, rest);
  if (viaLiteral) return viaLiteral;
  const param = node.children.find((c) => /^\{[^+]+\}$/.test(c.part));
  const viaParam = param && match(param, rest);
  if (viaParam) return viaParam;
  return node.children.find((c) => /^\{.+\+\}$/.test(c.part));
}

export interface RestMethod {
  readonly method: PlanResource;
  /** The resource path matched, e.g. `/ecs/{proxy+}`. */
  readonly resourcePath: string;
  readonly resource?: PlanResource;
}

function isOn(view: StackView, method: PlanResource, api: PlanResource, node: Node): boolean {
  if (!view.links(method, 'rest_api_id', api)) return false;
  if (node.resource) return view.links(method, 'resource_id', node.resource);
  return view
    .references(method, 'resource_id')
    .some((r) => r.address === api.baseAddress && r.attribute === 'root_resource_id');
}

/** The REST method a request lands on, or a `method` stop naming the resource it reached. */
export function restMethodStep(
  walk: Walk,
  api: PlanResource,
  httpMethod: string,
  path: string,
): RestMethod {
  const view = walk.view;
  const node = match(tree(view, api), segmentsOf(path));
  if (!node)
    walk.fail(
      'method',
      api.address,
      `no resource of ${api.address} matches ${path} (403 Missing Authentication Token)`,
    );
  const methods = view.find('aws_api_gateway_method').filter((m) => isOn(view, m, api, node));
  const method =
    methods.find((m) => m.str('http_method') === httpMethod.toUpperCase()) ??
    methods.find((m) => m.str('http_method') === 'ANY');
  const where = node.resource?.address ?? `${api.address} (root resource)`;
  if (!method)
    walk.fail(
      'method',
      where,
      `${httpMethod} ${path} reaches ${node.path}, which has no ${httpMethod} or ANY method (403 Missing Authentication Token)`,
    );
  walk.pass(
    'method',
    method.address,
    `${httpMethod} ${path} matches ${method.str('http_method')} ${node.path}`,
    'API',
    'API',
  );
  return { method, resourcePath: node.path, resource: node.resource };
}

/** The HTTP API route a request lands on. */
export function httpRouteStep(
  walk: Walk,
  api: PlanResource,
  httpMethod: string,
  path: string,
): PlanResource {
  const view = walk.view;
  const routes = view.find('aws_apigatewayv2_route').filter((r) => view.links(r, 'api_id', api));
  const segments = segmentsOf(path);
  const score = (route: PlanResource): number => {
    const key = route.str('route_key') ?? '';
    if (key === '$default') return 0;
    const [method, routePath = ''] = key.split(' ');
    if (method !== 'ANY' && method !== httpMethod.toUpperCase()) return -1;
    const parts = segmentsOf(routePath);
    let exact = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (/^\{.+\+\}$/.test(part)) return i < segments.length ? 1 + exact : -1;
      if (i >= segments.length) return -1;
      if (part === segments[i]) exact += 3;
      else if (!/^\{.+\}$/.test(part)) return -1;
      else exact += 2;
    }
    return parts.length === segments.length ? 100 + exact + (method === 'ANY' ? 0 : 1) : -1;
  };
  const best = [...routes]
    .map((r) => ({ r, s: score(r) }))
    .filter((x) => x.s >= 0)
    .sort((a, b) => b.s - a.s)[0];
  if (!best)
    walk.fail(
      'method',
      api.address,
      `no route of ${api.address} matches ${httpMethod} ${path} (404 Not Found)`,
    );
  walk.pass(
    'method',
    best.r.address,
    `${httpMethod} ${path} matches route ${best.r.str('route_key')}`,
    'API',
    'API',
  );
  return best.r;
}
