/**
 * Integration step: where API Gateway sends a matched call.
 * - MOCK answers from API Gateway itself.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-mock-integration.html
 * - A Lambda integration needs a resource-based policy on the function that lets
 *   apigateway.amazonaws.com invoke it from the method's ARN (aws_lambda_permission adds one).
 *   https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 * - A REST VPC link (v1) delivers to its NLB on the port of the integration URI (80 or 443 by scheme
 *   when none is given). https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-private-integration.html
 * - An HTTP API VPC link (v2) sends from its own network interfaces (its subnets and security
 *   groups) to an ALB or NLB listener, or to the instances of a Cloud Map service.
 *   https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 */
import { evaluateAccess } from '@apigw-private/tools/policy';
import { isObject, type PlanResource } from '@apigw-private/tools/tfjson';
import type { Walk } from '../walk-state';
import { ecsPortStep, tasksPlace } from './backends';
import { segmentsOf } from './routing';
import { placeOf } from './endpoints';
import { hop } from './hop';
import { Landing, throughLoadBalancer } from './load-balancers';

export interface MatchedMethod {
  readonly api: PlanResource;
  readonly method: PlanResource;
  readonly resourceArn: string;
  readonly path: string;
  readonly matchedPath: string;
  readonly stage: string;
}

/** A REST integration landing on an execute-api endpoint carries the API named by its header. */
export type RestLanding = Landing & {
  readonly apiIdHeader?: PlanResource;
  /** The path sent on, stage first, as the next API receives it (`/v1/hello`). */
  readonly forwardPath?: string;
};

/** The API an integration names in the `x-apigw-api-id` header it sets, when it sets one. */
function apiIdHeaderOf(walk: Walk, integration: PlanResource): PlanResource | undefined {
  const written =
    integration.value('request_parameters') ??
    integration.expression('request_parameters')?.template;
  const keys = isObject(written) ? Object.keys(written) : [];
  if (!keys.some((k) => /header\.x-apigw-api-id$/i.test(k))) return undefined;
  return walk.view.refs(integration, 'request_parameters', ['aws_api_gateway_rest_api'])[0];
}

/**
 * The path a REST HTTP integration sends: the URI's path with `{proxy}` replaced by what the
 * greedy variable matched. https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-set-up-simple-proxy.html
 */
function forwardedPath(uri: string, matchedPath: string, path: string): string {
  const uriPath = /^\w+:\/\/[^/]+(\/[^?]*)?/.exec(uri)?.[1] ?? '/';
  const greedyAt = segmentsOf(matchedPath).findIndex((s) => /^\{.+\+\}$/.test(s));
  const proxy = greedyAt >= 0 ? segmentsOf(path).slice(greedyAt).join('/') : '';
  return uriPath.replace(/\{proxy\+?\}/, proxy);
}

/**
 * The path an HTTP API sends to a private integration: the stage segment comes first unless the
 * stage is `$default` or the integration overwrites the path.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-private.html
 */
function httpForwardedPath(
  walk: Walk,
  api: PlanResource,
  integration: PlanResource,
  path: string,
): string {
  const view = walk.view;
  const written =
    integration.value('request_parameters') ??
    integration.expression('request_parameters')?.template;
  if (isObject(written) && Object.keys(written).some((k) => k === 'overwrite:path')) return path;
  const stage = view.find('aws_apigatewayv2_stage').find((s) => view.links(s, 'api_id', api));
  const name = stage?.str('name') ?? '$default';
  return name === '$default' ? path : `/${name}${path === '/' ? '' : path}`;
}

function portOf(uri: string): number {
  const match = /^(\w+):\/\/[^/:]+(?::(\d+))?/.exec(uri);
  if (match?.[2]) return Number(match[2]);
  return match?.[1] === 'https' ? 443 : 80;
}

/** Lambda's resource-based policy, as AddPermission writes it, judged by iam-simulate. */
async function lambdaPermission(
  walk: Walk,
  fn: PlanResource,
  sourceArn: string,
  sourceAccount: string,
): Promise<void> {
  const view = walk.view;
  const permissions = view
    .find('aws_lambda_permission')
    .filter(
      (p) => view.links(p, 'function_name', fn) || view.refs(p, 'function_name').includes(fn),
    );
  const functionArn = `arn:aws:lambda:${view.region(fn)}:${view.account(fn)}:function:${fn.str('function_name') ?? fn.name}`;
  const statements = permissions
    .filter((p) => p.str('principal') === 'apigateway.amazonaws.com')
    .map((p) => {
      const conditions: Record<string, Record<string, string>> = {};
      const arn = view.text(p, 'source_arn');
      if (arn) conditions.ArnLike = { 'AWS:SourceArn': arn };
      const account = p.str('source_account');
      if (account) conditions.StringEquals = { 'AWS:SourceAccount': account };
      return {
        Sid: p.address,
        Effect: 'Allow',
        Principal: { Service: 'apigateway.amazonaws.com' },
        Action: p.str('action') ?? 'lambda:InvokeFunction',
        Resource: functionArn,
        ...(Object.keys(conditions).length ? { Condition: conditions } : {}),
      };
    });
  if (statements.length === 0)
    walk.fail(
      'integration',
      fn.address,
      `no aws_lambda_permission lets apigateway.amazonaws.com invoke ${fn.address}`,
    );
  const answer = await evaluateAccess(
    {
      caller: 'apigateway.amazonaws.com',
      action: 'lambda:InvokeFunction',
      resource: functionArn,
      resourceAccount: view.account(fn),
      context: { 'aws:SourceArn': sourceArn, 'aws:SourceAccount': sourceAccount },
    },
    {
      resourcePolicy: {
        name: `${fn.address} permissions`,
        policy: { Version: '2012-10-17', Statement: statements },
      },
    },
  );
  if (!answer.allowed)
    walk.fail(
      'integration',
      permissions[0]?.address ?? fn.address,
      `${answer.explanation}: API Gateway may not invoke ${fn.address} from ${sourceArn}`,
    );
  walk.pass(
    'integration',
    permissions[0].address,
    `${fn.address} lets API Gateway invoke it from ${sourceArn}`,
    'API',
    'Lambda',
  );
  walk.answer('lambda', fn);
}

export async function restIntegrationStep(walk: Walk, m: MatchedMethod): Promise<RestLanding> {
  const view = walk.view;
  const integrations = view
    .find('aws_api_gateway_integration')
    .filter(
      (i) =>
        view.refs(i, 'http_method').includes(m.method) ||
        (view.links(i, 'rest_api_id', m.api) &&
          view.refs(i, 'resource_id').some((r) => view.refs(m.method, 'resource_id').includes(r)) &&
          i.str('http_method') === m.method.str('http_method')),
    );
  const integration = walk.one(
    'integration',
    integrations,
    `integration of ${m.method.address}`,
    m.method.address,
  );
  const type = integration.str('type') ?? '';
  if (type === 'MOCK') {
    walk.pass('integration', integration.address, 'MOCK: API Gateway answers itself', 'API', 'API');
    return walk.answer('mock', integration);
  }
  if (type === 'AWS_PROXY' || type === 'AWS') {
    const fn = view.refs(integration, 'uri', ['aws_lambda_function'])[0];
    if (!fn)
      walk.unknown(
        'integration',
        integration.address,
        `its ${type} uri names no Lambda function of the stack`,
      );
    // API Gateway invokes the function with the called method's ARN as aws:SourceArn.
    await lambdaPermission(walk, fn, m.resourceArn, view.account(m.api));
    return { kind: 'backend' };
  }
  const uri = view.text(integration, 'uri') ?? '';
  if (integration.str('connection_type') !== 'VPC_LINK') {
    walk.pass('integration', integration.address, `${type} to ${uri}`, 'API', 'backend');
    return walk.answer('http', integration);
  }
  const link = view.refs(integration, 'connection_id', ['aws_api_gateway_vpc_link'])[0];
  if (!link)
    walk.unknown(
      'integration',
      integration.address,
      'its connection_id names no VPC link of the stack',
    );
  const lb = walk.one(
    'integration',
    view.refs(link, 'target_arns', ['aws_lb']),
    `NLB of ${link.address}`,
    link.address,
  );
  const port = portOf(uri);
  walk.pass(
    'integration',
    integration.address,
    `${type} through ${link.address} to ${lb.address} port ${port}`,
    'API',
    'VPC link',
  );
  const landing = throughLoadBalancer(walk, lb, port, 'privatelink');
  if (landing.kind !== 'execute-api') return landing;
  return {
    ...landing,
    apiIdHeader: apiIdHeaderOf(walk, integration),
    forwardPath: forwardedPath(uri, m.matchedPath, m.path),
  };
}

export async function httpIntegrationStep(
  walk: Walk,
  api: PlanResource,
  route: PlanResource,
  path: string,
): Promise<RestLanding> {
  const view = walk.view;
  const integration = walk.one(
    'integration',
    view.refs(route, 'target', ['aws_apigatewayv2_integration']),
    `integration of ${route.address}`,
    route.address,
  );
  const type = integration.str('integration_type') ?? '';
  if (type === 'AWS_PROXY') {
    const fn = view.refs(integration, 'integration_uri', ['aws_lambda_function'])[0];
    if (!fn)
      return walk.unknown(
        'integration',
        integration.address,
        'its integration_uri names no Lambda function of the stack',
      );
    const method = (route.str('route_key') ?? '').split(' ')[0];
    await lambdaPermission(
      walk,
      fn,
      `${view.executionArn(api)}/$default/${method}${path}`,
      view.account(api),
    );
    return { kind: 'backend' };
  }
  if (integration.str('connection_type') !== 'VPC_LINK') {
    walk.pass(
      'integration',
      integration.address,
      `${type} to ${view.text(integration, 'integration_uri')}`,
      'API',
      'backend',
    );
    return walk.answer('http', integration);
  }
  const link = view.refs(integration, 'connection_id', ['aws_apigatewayv2_vpc_link'])[0];
  if (!link)
    return walk.unknown(
      'integration',
      integration.address,
      'its connection_id names no VPC link of the stack',
    );
  const from = placeOf(view, 'VPC link', link, ['subnet_ids'], ['security_group_ids']);
  const listener = view.refs(integration, 'integration_uri', ['aws_lb_listener'])[0];
  if (listener) {
    const lb = view.refs(listener, 'load_balancer_arn', ['aws_lb'])[0];
    const port = listener.num('port') ?? 0;
    walk.pass(
      'integration',
      integration.address,
      `${type} through ${link.address} to ${listener.address}`,
      'API',
      'VPC link',
    );
    const landing = throughLoadBalancer(walk, lb, port, from, 'integration');
    if (landing.kind !== 'execute-api') return landing;
    return {
      ...landing,
      apiIdHeader: apiIdHeaderOf(walk, integration),
      forwardPath: httpForwardedPath(walk, api, integration, path),
    };
  }
  const discovery = view.refs(integration, 'integration_uri', ['aws_service_discovery_service'])[0];
  if (!discovery)
    return walk.unknown(
      'integration',
      integration.address,
      'its integration_uri is neither a listener nor a Cloud Map service of the stack',
    );
  const services = view
    .find('aws_ecs_service')
    .filter((s) =>
      s
        .list('service_registries')
        .some((_, i) => view.links(s, ['service_registries', i, 'registry_arn'], discovery)),
    );
  const service = walk.one(
    'target-group',
    services,
    `ECS service registered in ${discovery.address}`,
    discovery.address,
  );
  const port =
    service.num('service_registries.0.container_port') ?? service.num('service_registries.0.port');
  walk.pass(
    'integration',
    integration.address,
    `${type} through ${link.address} to Cloud Map ${discovery.address}`,
    'API',
    'VPC link',
  );
  if (port === undefined)
    return walk.unknown(
      'target-group',
      service.address,
      'its Cloud Map registration names no port',
    );
  walk.pass(
    'target-group',
    discovery.address,
    `Cloud Map returns the tasks of ${service.address} on ${port} (SRV)`,
    'VPC link',
    'target',
  );
  const tasks = tasksPlace(view, service);
  hop(walk, from, tasks, port, { egress: 'integration', ingress: 'target-sg' });
  ecsPortStep(walk, service, service.str('service_registries.0.container_name'), port);
  return walk.answer('ecs', service);
}
